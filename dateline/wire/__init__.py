"""The wire desk: agency and partner copy in, as a queue of drafts editors take, merge or spike."""

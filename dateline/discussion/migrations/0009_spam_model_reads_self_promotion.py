"""The spam model reads signs of self-promotion (version 3 of its text features) and turns its
margin into a score by a fit on cross-validated margins (docs/moderation.md), which moves the
scores `dateline train_spam` chooses from 0.764 / 0.999 to 0.8881 / 0.9929. Sites still on the
previous defaults move to the new ones, unless a model retrained on their own decisions scores
their comments: that model was judged at the site's scores and stays on them until the next
weekly retrain. A site that chose its own scores keeps them."""

from django.db import migrations

from ._spam_thresholds import move_defaults

PREVIOUS = {"spam_hold_from": 0.764, "spam_folder_from": 0.999}
NEW = {"spam_hold_from": 0.8881, "spam_folder_from": 0.9929}


class Migration(migrations.Migration):
    dependencies = [("discussion", "0008_spam_model_is_a_linear_svm")]
    operations = move_defaults(PREVIOUS, NEW)

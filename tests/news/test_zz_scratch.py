def test_scratch(newsroom, client):
    newsroom.article(title="x")
    for q in ["first_published_at=xyz", "first_published_at=2024-01-01", "id=abc", "id=99999999999999999999999", "show_in_menus=maybe", "order=-first_published_at", "fields=body", "limit=0", "offset=99999999999999999999999", "limit=99999999999999999999999", "search=%00", "title=%00", "slug=a%00", "section=99999999999999999999999", "find/?id=99999999999999999999999", "find/?id=x", "99999999999999999999999/"]:
        for ep in ["articles", "sections"]:
            url = f"/api/v2/{ep}/?{q}" if not q.startswith(("find", "9")) else f"/api/v2/{ep}/{q}"
            r = client.get(url)
            print(ep, q, r.status_code, r.content[:100])

from wagtail.models import Site

from dateline.core.models import NewsroomSettings


def newsroom(request):
    """The newsroom's settings as `newsroom` in every template (cached on the request)."""
    if Site.find_for_request(request) is None:
        return {"newsroom": None}
    return {"newsroom": NewsroomSettings.for_request(request)}

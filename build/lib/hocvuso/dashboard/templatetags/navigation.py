from django import template

from hocvuso.dashboard.navigation import menu_for

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_links(context):
    """The signed-in user's menu: `{% nav_links as links %}`."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    if user is None:
        return []
    return menu_for(user, request.path if request else "")

from hdnd_portal.core.navigation import navigation_for


def portal(request):
    access = getattr(request, "access", None)
    return {"access": access, "nav": navigation_for(request, access)}

from wagtail import hooks


# -- On-call alerting admin (rotas, cover, policies, contact methods, alerts, who is on call) ------
@hooks.register("register_admin_viewset")
def register_oncall_admin():
    from .oncall_viewsets import OnCallViewSetGroup

    return OnCallViewSetGroup()


@hooks.register("construct_homepage_panels")
def warn_when_the_alert_worker_is_down(request, panels):
    from .oncall_viewsets import WorkerHealthPanel

    panels.append(WorkerHealthPanel())

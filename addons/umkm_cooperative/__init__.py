from . import controllers, models, report, tools


def post_init_hook(env):
    """The savings, reserve and fund accounts and the savings journal of every company that
    has a chart of accounts (a company whose chart comes later gets them with it)."""
    env["res.company"].search([])._umkm_cooperative_setup()

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.web import Home


class UmkmHome(Home):
    """A visitor who opens the site's address finds the cooperatives' public pages; people
    who work in Odoo sign in at /web/login (and /odoo) as before."""

    @http.route()
    def index(self, *args, **kw):
        if request.db and not request.session.uid:
            return request.redirect("/klaster", code=303)
        return super().index(*args, **kw)

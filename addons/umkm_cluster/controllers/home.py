from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.web import Home


class UmkmHome(Home):
    """A visitor who opens the site's address finds the cooperatives' public pages; people
    who work in Odoo sign in at /web/login (and /odoo) as before. Once signed in, the pages
    speak the person's own language: Odoo's portal pages read the ``frontend_lang`` cookie
    before the user's language, and the cookie was set by the browser's language on the
    login page (an English phone would show an Indonesian member its invoices in English)."""

    @http.route()
    def web_login(self, *args, **kw):
        response = super().web_login(*args, **kw)
        if request.httprequest.method == "POST" and request.session.uid:
            lang = request.env["res.users"].browse(request.session.uid).lang
            if lang and hasattr(response, "set_cookie"):
                response.set_cookie("frontend_lang", lang)
        return response

    @http.route()
    def index(self, *args, **kw):
        if request.db and not request.session.uid:
            return request.redirect("/klaster", code=303)
        return super().index(*args, **kw)

import base64
import logging

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import file_open

_logger = logging.getLogger(__name__)


class ResCompany(models.Model):
    _inherit = "res.company"

    umkm_charges_vat = fields.Boolean(
        string="Charges PPN (PKP)",
        help="The cooperative is a PKP (Pengusaha Kena Pajak): the documents it makes for "
        "members and partner firms take their products' taxes through fiscal positions. "
        "Unticked, they carry no tax.",
    )

    def _umkm_tax_vals(self, field_name, vendor=None):
        """The suite's one tax rule for every line it makes: ``{field_name: [clear]}`` when
        the line carries no tax, else ``{}`` (the line keeps the taxes Odoo gives it: its
        product's, through the partner's fiscal position).

        What the cooperative sells or invoices (member invoices, sales to firms and buyers,
        joint-marketing sales) carries PPN only when the cooperative is PKP (Charges PPN);
        what it buys from a member (``vendor``) carries input PPN only when that member is
        PKP."""
        self.ensure_one()
        pkp = vendor.commercial_partner_id.umkm_pkp if vendor else self.umkm_charges_vat
        return {} if pkp else {field_name: [Command.clear()]}

    @api.model
    def _umkm_demo_setup_company(self):
        """Demo data: the main company is the cooperative of the demo cluster, in Sidoarjo
        (East Java), working in Indonesian, in Asia/Jakarta and in rupiah without cents, with
        its logo on its public pages and documents.

        Its country is left as it is: setting Indonesia while ``account`` installs makes Odoo
        install ``l10n_id``, whose chart comes only after every module's demo data. ``bin/serve``
        and the compose file create the demo database in Indonesia with ``l10n_id`` first.
        Called again by later demo data: ``stock``'s demo renames the company."""
        company = self.env.ref("base.main_company")
        lang = self.env["res.lang"].with_context(active_test=False).search([("code", "=", "id_ID")])
        if not lang.active:
            # what is installed from now on comes with its Indonesian; what is there gets it now
            lang = self.env["res.lang"]._activate_lang("id_ID")
            installed = self.env["ir.module.module"].search([("state", "=", "installed")])
            installed._update_translations("id_ID")
        values = {
            "name": "Koperasi Klaster Batik Jetis Sidoarjo",
            "street": "Jl. Diponegoro, Kampung Batik Jetis",
            "city": "Sidoarjo",
            "zip": "61213",
            "phone": "+62 31 8941234",
            "email": "koperasi@batik-jetis.example",
        }
        with file_open("umkm_cluster/static/img/demo/cooperative_logo.png", "rb") as logo:
            values["logo"] = base64.b64encode(logo.read())
        if company.country_id == self.env.ref("base.id"):
            values["state_id"] = self.env.ref("base.state_id_ji").id
        if company._fields.get("chart_template") and company.chart_template == "id":
            # on Odoo's Indonesian chart (bin/demo-db) the demo cooperative is a PKP: its
            # documents carry PPN and its invoices go to Coretax e-Faktur
            values.update(vat="09.254.294.3-617.000", umkm_charges_vat=True)
        company.write(values)
        company.partner_id.write({"lang": lang.code, "tz": "Asia/Jakarta"})
        self.env.ref("base.user_admin").write({"lang": lang.code, "tz": "Asia/Jakarta"})
        self._umkm_demo_use_idr(company)

    @api.model
    def _umkm_demo_use_idr(self, company):
        """Rupiah without cents when nothing is booked in another currency yet."""
        idr = self.env.ref("base.IDR")
        try:
            with self.env.cr.savepoint():
                idr.write({"active": True, "rounding": 1.0})  # no cents in practice
                if company.currency_id != idr:
                    company.currency_id = idr
        except UserError:
            _logger.info("Demo company keeps %s: entries exist already", company.currency_id.name)

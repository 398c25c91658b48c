from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.umkm_cluster.tools.identifiers import phone_e164


class UmkmPartnershipRequest(models.Model):
    """A firm without an agreement asks a cluster for work from its public page: a lead for
    the network manager, who turns it into a draft agreement and a first order."""

    _name = "umkm.partnership.request"
    _description = "Partnership Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "umkm.number.mixin"]
    _order = "id desc"

    cluster_id = fields.Many2one("umkm.cluster", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="cluster_id.company_id", store=True, index=True)
    firm_name = fields.Char(string="Firm", required=True)
    name = fields.Char(string="Contact person", required=True)
    email = fields.Char(required=True)
    phone = fields.Char()
    capability_id = fields.Many2one("umkm.capability", string="Work needed")
    qty = fields.Float(string="Quantity", digits="Product Unit of Measure")
    message = fields.Text(required=True)
    ip_address = fields.Char(string="IP address", readonly=True, groups="base.group_system")
    state = fields.Selection(
        [("new", "New"), ("converted", "Agreement drafted"), ("closed", "Closed")],
        default="new",
        required=True,
        tracking=True,
    )
    agreement_id = fields.Many2one("umkm.partnership.agreement", readonly=True, copy=False)
    order_id = fields.Many2one("umkm.subcontract.order", string="First order", readonly=True)

    _umkm_number_bounds = {"qty": (0.0, 10.0**9)}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("phone") and phone_e164(vals["phone"]):
                vals["phone"] = phone_e164(vals["phone"])
        requests = super().create(vals_list)
        for request in requests:
            manager = request.cluster_id._umkm_responsible_manager()
            if manager:
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=manager.id,
                    summary=self.env._("A firm asks for a partnership"),
                )
        return requests

    def action_create_agreement(self):
        """A draft agreement with a new firm (never an existing partner matched by the
        e-mail typed on a public form) and, when the request says what and how many, a draft
        first order."""
        self.ensure_one()
        self.check_access("write")
        if not self.env.user.has_group("umkm_cluster.group_umkm_manager"):
            raise UserError(self.env._("Only the network manager drafts agreements."))
        if self.state != "new":
            raise UserError(self.env._("This request has been handled already."))
        # the firm's contacts are made by the suite for the manager, who may not create
        # contacts in general
        Partner = self.env["res.partner"].sudo()
        firm = Partner.create({"name": self.firm_name, "is_company": True})
        Partner.create(
            {"name": self.name, "email": self.email, "phone": self.phone, "parent_id": firm.id}
        )
        agreement = self.env["umkm.partnership.agreement"].create(
            {
                "name": self.env._(
                    "%(firm)s — %(cluster)s", firm=self.firm_name, cluster=self.cluster_id.name
                ),
                "partner_id": firm.id,
                "cluster_id": self.cluster_id.id,
                "pattern": "subkontrak",
                "terms": self.message,
            }
        )
        order = self.env["umkm.subcontract.order"]
        if self.capability_id and self.qty > 0:
            order = order.create(
                {
                    "agreement_id": agreement.id,
                    "capability_id": self.capability_id.id,
                    "description": self.message,
                    "qty": self.qty,
                    "date_due": fields.Date.context_today(self) + timedelta(days=30),
                }
            )
        self.write({"state": "converted", "agreement_id": agreement.id, "order_id": order.id})
        self.activity_ids.action_done()
        return {
            "type": "ir.actions.act_window",
            "res_model": "umkm.partnership.agreement",
            "res_id": agreement.id,
            "view_mode": "form",
        }

    def action_close(self):
        self.write({"state": "closed"})
        self.activity_ids.action_done()
        return True

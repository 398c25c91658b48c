from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.umkm_service_request import REQUEST_KINDS


class UmkmServiceRequestGroup(models.TransientModel):
    """Group members' requests of one kind into one support activity (new, or a planned one
    of the same cluster): each asking member is invited to it."""

    _name = "umkm.service.request.group"
    _description = "Group service requests"

    request_ids = fields.Many2many("umkm.service.request", string="Requests", required=True)
    cluster_id = fields.Many2one("umkm.cluster", compute="_compute_from_requests")
    kind = fields.Selection(REQUEST_KINDS, compute="_compute_from_requests")
    support_id = fields.Many2one(
        "umkm.partnership.support",
        string="Add to the activity",
        domain="[('state', '=', 'planned'), ('cluster_id', '=', cluster_id), ('type', '=', kind)]",
        help="A planned activity of the same kind; empty: a new one.",
    )
    name = fields.Char(string="Activity")
    provider_id = fields.Many2one(
        "umkm.stakeholder", help="Empty while it is offered to providers."
    )
    certification_id = fields.Many2one("umkm.certification")
    date = fields.Date(required=True, default=fields.Date.context_today)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "umkm.service.request":
            requests = self.env["umkm.service.request"].browse(
                self.env.context.get("active_ids") or []
            )
            values["request_ids"] = [fields.Command.set(requests.ids)]
            values["certification_id"] = requests.certification_id[:1].id
        return values

    @api.depends("request_ids")
    def _compute_from_requests(self):
        for wizard in self:
            wizard.cluster_id = wizard.request_ids.cluster_id[:1]
            wizard.kind = wizard.request_ids[:1].kind

    def _umkm_check_requests(self):
        requests = self.request_ids
        if not requests:
            raise UserError(self.env._("Choose the requests to group."))
        requests._check_state(("new",), self.env._("group"))
        if len(requests.cluster_id) > 1:
            raise UserError(self.env._("Group requests of one cluster at a time."))
        if len(set(requests.mapped("kind"))) > 1:
            raise UserError(self.env._("Group requests of one kind at a time."))
        if len(requests.member_id) < len(requests):
            raise UserError(self.env._("A member asks twice among these requests."))

    def _prepare_support_vals(self):
        self.ensure_one()
        return {
            "name": self.name,
            "type": self.kind,
            "cluster_id": self.cluster_id.id,
            "provider_id": self.provider_id.id,
            "certification_id": self.certification_id.id,
            "date": self.date,
            "state": "planned",
            "description": "\n".join(
                f"- {r.member_id.partner_id.name}: {r.description}" for r in self.request_ids
            ),
        }

    def action_confirm(self):
        self.ensure_one()
        self._umkm_check_requests()
        support = self.support_id
        if support and (support.state != "planned" or support.cluster_id != self.cluster_id):
            raise UserError(self.env._("Add requests only to a planned activity of the cluster."))
        if not support:
            support = self.env["umkm.partnership.support"].create(self._prepare_support_vals())
        invited = support.participant_ids.member_id
        self.env["umkm.support.participant"].create(
            [
                {"support_id": support.id, "member_id": member.id, "invited": True}
                for member in self.request_ids.member_id - invited
            ]
        )
        self.request_ids.write({"state": "grouped", "support_id": support.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "umkm.partnership.support",
            "res_id": support.id,
            "view_mode": "form",
        }

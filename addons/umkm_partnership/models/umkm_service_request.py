from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .umkm_partnership_support import SUPPORT_TYPES

# what a member may ask for (the support types of this release)
REQUEST_KINDS = [
    kind for kind in SUPPORT_TYPES if kind[0] not in ("raw_material", "technology", "marketing")
]


class UmkmServiceRequest(models.Model):
    """A service a member asks its cooperative for (training, certification help, design,
    equipment, financing, market access): what, why, by when. The cooperative groups the
    requests of the same kind into one support activity and offers it to providers; the
    member follows its request and sees what came of it."""

    _name = "umkm.service.request"
    _description = "Service Request"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "umkm.state.mixin"]
    _order = "date_request desc, id desc"
    _check_company_auto = True

    member_id = fields.Many2one(
        "umkm.member", required=True, index=True, ondelete="cascade", tracking=True
    )
    partner_id = fields.Many2one(related="member_id.partner_id", store=True, index=True)
    cluster_id = fields.Many2one(related="member_id.cluster_id", store=True, index=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True, index=True)
    kind = fields.Selection(REQUEST_KINDS, required=True, default="training", tracking=True)
    certification_id = fields.Many2one(
        "umkm.certification", help="For certification help: which one."
    )
    description = fields.Text(string="What and why", required=True)
    date_request = fields.Date(
        string="Asked on", required=True, readonly=True, default=fields.Date.context_today
    )
    date_wanted = fields.Date(string="Wanted by")
    state = fields.Selection(
        [
            ("new", "New"),
            ("grouped", "Grouped"),
            ("done", "Done"),
            ("refused", "Refused"),
        ],
        default="new",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    support_id = fields.Many2one(
        "umkm.partnership.support",
        string="Support activity",
        index=True,
        ondelete="set null",
        readonly=True,
        copy=False,
        tracking=True,
    )
    participant_id = fields.Many2one(
        "umkm.support.participant", compute="_compute_participant_id", string="Participation"
    )
    refuse_reason = fields.Char(string="Reason for refusal", tracking=True)

    @api.depends("support_id.participant_ids.member_id", "member_id")
    def _compute_participant_id(self):
        for request in self:
            request.participant_id = request.support_id.participant_ids.filtered(
                lambda p, r=request: p.member_id == r.member_id
            )[:1]

    @api.depends("kind", "member_id")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for request in self:
            request.display_name = (
                f"{labels.get(request.kind, '')} — {request.member_id.partner_id.name or ''}"
            )

    def _compute_access_url(self):
        for request in self:
            request.access_url = f"/my/services/{request.id}"

    def action_refuse(self, reason=None):
        self._check_state(("new", "grouped"), self.env._("refuse"))
        self.write({"state": "refused", "support_id": False, "refuse_reason": reason or False})
        return True

    def action_reopen(self):
        self._check_state(("refused",), self.env._("reopen"))
        self.write({"state": "new", "refuse_reason": False})
        return True

    def action_group(self):
        """Open the wizard that groups these requests into one support activity."""
        self._check_state(("new",), self.env._("group"), claim=False)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Group into a support activity"),
            "res_model": "umkm.service.request.group",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    # --- the member's own requests (portal) ------------------------------------------

    @api.model
    def _portal_create(self, member, vals):
        """A request the member makes on the portal for its own ``member`` (checked by the
        caller): the cluster's responsible manager gets a to-do."""
        if member.partner_id != self.env.user.commercial_partner_id:
            raise AccessError(self.env._("This membership is not yours."))
        if member.state != "active":
            raise UserError(self.env._("Only an active member can ask for services."))
        request = self.sudo().create({**vals, "member_id": member.id})
        request.message_subscribe(partner_ids=member.partner_id.ids)
        responsible = member.cluster_id._umkm_responsible_manager()
        if responsible:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("A member asks for a service"),
                user_id=responsible.id,
            )
        return request

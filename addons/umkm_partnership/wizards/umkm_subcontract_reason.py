from ast import literal_eval

from odoo import api, fields, models
from odoo.exceptions import UserError

REASON_TARGETS = {
    "reject": "umkm.subcontract.order",
    "decline": "umkm.subcontract.assignment",
}


class UmkmSubcontractReason(models.TransientModel):
    """Ask for the reason of a rejected order or a declined assignment."""

    _name = "umkm.subcontract.reason"
    _description = "Subcontract Rejection Reason"

    res_model = fields.Char(required=True)
    res_ids = fields.Char(required=True)
    action = fields.Selection([("reject", "Reject order"), ("decline", "Decline work")])
    reason = fields.Text(required=True)

    @api.model
    def _action_ask(self, records, action, title):
        """The window asking the reason to ``action`` (``reject`` / ``decline``) ``records``."""
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": records._name,
                "default_res_ids": str(records.ids),
                "default_action": action,
            },
        }

    def action_apply(self):
        self.ensure_one()
        if REASON_TARGETS.get(self.action) != self.res_model:
            raise UserError(self.env._("This reason does not apply to these records."))
        records = self.env[self.res_model].browse(literal_eval(self.res_ids)).exists()
        if self.action == "reject":
            records._action_reject(self.reason)
        else:
            records._action_decline(self.reason)
        return {"type": "ir.actions.act_window_close"}

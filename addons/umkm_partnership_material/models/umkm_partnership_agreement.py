from odoo import fields, models


class UmkmPartnershipAgreement(models.Model):
    _inherit = "umkm.partnership.agreement"

    inputs_on_credit = fields.Boolean(
        string="Inputs on credit",
        tracking=True,
        help="Inti-plasma: the firm's materials issued to a member are charged to it on "
        "credit and netted against what the cooperative pays it for its work.",
    )

    def _is_inputs_on_credit(self):
        """Inti-plasma with the firm's inputs on credit to the members."""
        self.ensure_one()
        return self.pattern == "inti_plasma" and self.inputs_on_credit

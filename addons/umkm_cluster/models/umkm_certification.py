from odoo import fields, models


class UmkmCertification(models.Model):
    """A certificate a member's products or workshop hold (Halal, SNI, P-IRT, BPOM…): what a
    firm looking for a producer asks first."""

    _name = "umkm.certification"
    _description = "Certification"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    issuer = fields.Char(help="Who issues it: BPJPH, BSN, the district health office…")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A certification with this name already exists."),
    ]

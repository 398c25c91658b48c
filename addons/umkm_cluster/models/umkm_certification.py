from odoo import api, fields, models

from odoo.addons.umkm_cluster.tools.numbers import parse_record_id


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

    @api.model
    def _umkm_from_form(self, raw):
        """The certification a portal form names (its id as posted), or an empty record: any
        other text, or an id that is none of the list, gives nothing."""
        certification_id = parse_record_id(raw)
        if not certification_id:
            return self.browse()
        return self.sudo().search([("id", "=", certification_id)], limit=1)

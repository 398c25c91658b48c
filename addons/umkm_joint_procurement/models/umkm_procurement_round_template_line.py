from odoo import api, fields, models


class UmkmProcurementRoundTemplateLine(models.Model):
    """A material of a recurring round, with the settings each of its rounds' lines gets."""

    _name = "umkm.procurement.round.template.line"
    _inherit = ["umkm.number.mixin"]
    _umkm_number_bounds = {"qty_max_member": (0.0, 10.0**9)}
    _description = "Recurring Joint Procurement Material"
    _order = "template_id, sequence, id"
    _check_company_auto = True

    template_id = fields.Many2one(
        "umkm.procurement.round.template", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="template_id.company_id", store=True, index=True)
    product_id = fields.Many2one(
        "product.product",
        string="Material",
        required=True,
        index=True,
        domain=[("purchase_ok", "=", True), ("type", "=", "consu")],
        check_company=True,
    )
    uom_id = fields.Many2one(
        "uom.uom",
        string="Purchase UoM",
        compute="_compute_uom_id",
        store=True,
        precompute=True,
        help="Unit in which demand is aggregated and the material is bought.",
    )
    qty_max_member = fields.Float(
        string="Maximum per member",
        digits="Product Unit of Measure",
        default=10000.0,
        required=True,
        help="Most a member may order of this material in a round, in the purchase unit of "
        "measure (its standing demand too).",
    )

    _sql_constraints = [
        (
            "qty_max_member_positive",
            "CHECK(qty_max_member > 0)",
            "The maximum per member must be above zero.",
        ),
        (
            "product_template_uniq",
            "unique(template_id, product_id)",
            "A material appears only once in a recurring round.",
        ),
    ]

    @api.depends("product_id")
    def _compute_uom_id(self):
        for line in self:
            line.uom_id = line.product_id.uom_po_id

    def _prepare_round_line_vals(self):
        """Values of the material's line in a round the template opens."""
        self.ensure_one()
        return {
            "sequence": self.sequence,
            "product_id": self.product_id.id,
            "qty_max_member": self.qty_max_member,
        }

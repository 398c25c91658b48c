from odoo import api, models


class UomUom(models.Model):
    _inherit = "uom.uom"

    @api.model
    @api.readonly
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """With ``umkm_reference_uom_first`` in the context (the suite's unit fields set it), the
        reference unit of each category comes first (Units, m, kg), the others after it in
        Odoo's order: Odoo's own order (largest factor first) would offer mm, cm, in, ft, yd
        before m."""
        result = super().name_search(name=name, args=args, operator=operator, limit=limit)
        if not self.env.context.get("umkm_reference_uom_first"):
            return result
        references = set(
            self.browse([uom_id for uom_id, _name in result])
            .filtered(lambda uom: uom.uom_type == "reference")
            .ids
        )
        return sorted(result, key=lambda item: item[0] not in references)

    def _umkm_split_step(self):
        """The smallest share of a quantity in this unit that a member can be given: a whole
        one for units counted in pieces (Units, Dozens: nobody makes 34,28 shirts), else the
        unit's rounding (0,01 kg, 0,01 m)."""
        self.ensure_one()
        if self.category_id == self.env.ref("uom.product_uom_categ_unit", raise_if_not_found=False):
            return max(self.rounding, 1.0)
        return self.rounding

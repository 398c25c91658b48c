from odoo import models


class UomUom(models.Model):
    _inherit = "uom.uom"

    def _umkm_split_step(self):
        """The smallest share of a quantity in this unit that a member can be given: a whole
        one for units counted in pieces (Units, Dozens: nobody makes 34,28 shirts), else the
        unit's rounding (0,01 kg, 0,01 m)."""
        self.ensure_one()
        if self.category_id == self.env.ref("uom.product_uom_categ_unit", raise_if_not_found=False):
            return max(self.rounding, 1.0)
        return self.rounding

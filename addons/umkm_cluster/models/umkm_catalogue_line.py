from odoo import api, fields, models
from odoo.exceptions import ValidationError


class UmkmCatalogueLine(models.Model):
    """A product of a member proposed for, and curated into, a cluster catalogue."""

    _name = "umkm.catalogue.line"
    _description = "Catalogue Product"
    _inherit = ["mail.thread", "umkm.state.mixin", "umkm.number.mixin"]
    _order = "catalogue_id, sequence, id"
    _rec_name = "product_tmpl_id"
    _check_company_auto = True

    catalogue_id = fields.Many2one("umkm.catalogue", required=True, index=True, ondelete="cascade")
    cluster_id = fields.Many2one(related="catalogue_id.cluster_id", store=True, index=True)
    company_id = fields.Many2one(related="catalogue_id.company_id", store=True)
    currency_id = fields.Many2one(related="catalogue_id.currency_id")
    sequence = fields.Integer(default=10)
    product_tmpl_id = fields.Many2one(
        "product.template",
        string="Product",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('umkm_member_id.cluster_id', '=', cluster_id)]",
    )
    member_id = fields.Many2one(
        related="product_tmpl_id.umkm_member_id", string="Producer", store=True, index=True
    )
    partner_id = fields.Many2one(related="member_id.partner_id", store=True, index=True)
    categ_id = fields.Many2one(related="product_tmpl_id.categ_id", store=True)
    uom_id = fields.Many2one(related="product_tmpl_id.uom_id")
    image_128 = fields.Image(related="product_tmpl_id.image_128", string="Photo")
    wholesale_price = fields.Monetary(required=True, tracking=True)
    min_qty = fields.Float(
        string="Minimum order", digits="Product Unit of Measure", default=1.0, tracking=True
    )
    lead_time_days = fields.Integer(string="Lead time (days)", default=7, tracking=True)
    capacity_monthly = fields.Float(
        string="Monthly capacity", digits="Product Unit of Measure", tracking=True
    )
    state = fields.Selection(
        [("proposed", "Proposed"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="proposed",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    reject_reason = fields.Text(readonly=True, tracking=True)

    _sql_constraints = [
        (
            "product_catalogue_uniq",
            "unique(catalogue_id, product_tmpl_id)",
            "This product is already in this catalogue.",
        ),
        (
            "figures_valid",
            "CHECK(wholesale_price > 0 AND min_qty > 0 AND lead_time_days >= 0 "
            "AND capacity_monthly >= 0)",
            "The wholesale price and minimum order must be positive; lead time and capacity "
            "cannot be negative.",
        ),
    ]

    @api.constrains("product_tmpl_id", "catalogue_id")
    def _check_member_of_cluster(self):
        for line in self:
            member = line.product_tmpl_id.umkm_member_id
            if not member:
                raise ValidationError(
                    self.env._(
                        "%(product)s has no producing member: only members' products go into a "
                        "cluster catalogue.",
                        product=line.product_tmpl_id.display_name,
                    )
                )
            if member.cluster_id != line.catalogue_id.cluster_id:
                raise ValidationError(
                    self.env._(
                        "%(product)s is made by %(member)s, who is not a member of %(cluster)s.",
                        product=line.product_tmpl_id.display_name,
                        member=member.display_name,
                        cluster=line.catalogue_id.cluster_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for line in lines:
            line.message_subscribe(partner_ids=line.partner_id.ids)
        return lines

    def action_approve(self):
        self._check_state(("proposed", "rejected"), self.env._("approve"))
        self.write({"state": "approved", "reject_reason": False})
        for line in self:
            line.message_post(
                body=self.env._(
                    "Your product %(product)s is approved for the catalogue %(catalogue)s.",
                    product=line.product_tmpl_id.name,
                    catalogue=line.catalogue_id.name,
                ),
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_reject(self):
        """Open the reject wizard: the reason it asks for is shown to the member."""
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "res_model": "umkm.catalogue.line.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
            "name": self.env._("Reject products"),
        }

    def _action_reject(self, reason):
        """Reject with ``reason`` (from the reject wizard), shown to the member."""
        self._check_state(("proposed", "approved"), self.env._("reject"))
        self.write({"state": "rejected", "reject_reason": reason})
        for line in self:
            line.message_post(
                body=self.env._(
                    "Your product %(product)s was not accepted into the catalogue %(catalogue)s: "
                    "%(reason)s",
                    product=line.product_tmpl_id.name,
                    catalogue=line.catalogue_id.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_comment",
            )
        return True

    @api.model
    def _portal_save_proposal(self, member, catalogue, values, line=None):
        """A member's proposal from the portal (``values`` validated by the form: names and
        descriptions in English and Indonesian, category, photo, wholesale price, minimum
        order, lead time, monthly capacity): a new product of ``member`` proposed in
        ``catalogue``, or ``line``'s product and figures changed (back to review). Names are
        kept in both languages. Returns the line."""
        product_vals = {
            "name": values["name_en"] or values["name_id"],
            "description_sale": values["description_en"] or values["description_id"],
            "categ_id": values["categ_id"],
            "list_price": values["wholesale_price"],
        }
        if values.get("photo"):
            product_vals["image_1920"] = values["photo"]
        line_vals = {
            k: values[k]
            for k in ("wholesale_price", "min_qty", "lead_time_days", "capacity_monthly")
        }
        if line:
            product = line.product_tmpl_id
            product.with_context(lang="en_US").write(product_vals)
            line._member_update(line_vals)
        else:
            product = (
                self.env["product.template"]
                .with_context(lang="en_US")
                .create(
                    dict(
                        product_vals,
                        umkm_member_id=member.id,
                        sale_ok=True,
                        purchase_ok=False,
                        company_id=catalogue.company_id.id,
                    )
                )
            )
            line = self.create(
                dict(line_vals, catalogue_id=catalogue.id, product_tmpl_id=product.id)
            )
        if "id_ID" in dict(self.env["res.lang"].get_installed()):
            translations = {"name": values["name_id"] or values["name_en"]}
            if values["description_id"]:
                translations["description_sale"] = values["description_id"]
            product.with_context(lang="id_ID").write(translations)
        # recompute what depends on the product (e.g. its properties) here, in this request
        product.env.flush_all()
        return line

    def _member_update(self, vals):
        """Change a proposal from the portal: a rejected proposal goes back to review."""
        self._check_state(("proposed", "rejected"), self.env._("change"))
        vals = dict(vals, state="proposed", reject_reason=False)
        self.write(vals)

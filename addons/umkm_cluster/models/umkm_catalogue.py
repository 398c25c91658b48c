from collections import OrderedDict

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import consteq, float_repr, html2plaintext

GOOGLE_NS = "http://base.google.com/ns/1.0"


class UmkmCatalogue(models.Model):
    """A shared marketing catalogue of a cluster: approved products of its members."""

    _name = "umkm.catalogue"
    _description = "Cluster Catalogue"
    _inherit = ["portal.mixin", "mail.thread"]
    _order = "cluster_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    cluster_id = fields.Many2one("umkm.cluster", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="cluster_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    slug = fields.Char(
        string="Web address",
        copy=False,
        index=True,
        help="The catalogue is at /catalogue/<web address>. Filled from the name when empty.",
    )
    is_published = fields.Boolean(
        string="Published",
        copy=False,
        tracking=True,
        help="Published: anyone can open the catalogue page. Not published: only those who "
        "have the private link with its access token.",
    )
    lang = fields.Selection(
        selection="_lang_get",
        string="Language",
        default=lambda self: self.env.lang,
        help="Default language of the catalogue page and its exports.",
    )
    cover_text = fields.Html(translate=True, sanitize=True)
    contact_email = fields.Char(help="Where buyers' inquiries are answered from.")
    line_ids = fields.One2many("umkm.catalogue.line", "catalogue_id", string="Products")
    approved_count = fields.Integer(compute="_compute_counts", string="Approved products")
    proposed_count = fields.Integer(compute="_compute_counts", string="Proposals to review")
    inquiry_ids = fields.One2many("umkm.catalogue.inquiry", "catalogue_id", string="Inquiries")
    inquiry_count = fields.Integer(compute="_compute_counts", string="Inquiries count")
    public_url = fields.Char(compute="_compute_public_url", string="Link")

    _sql_constraints = [
        ("slug_uniq", "unique(slug)", "Another catalogue already uses this web address."),
    ]

    @api.model
    def _lang_get(self):
        return self.env["res.lang"].get_installed()

    @api.depends("line_ids.state", "inquiry_ids")
    def _compute_counts(self):
        lines = {
            (catalogue, state): count
            for catalogue, state, count in self.env["umkm.catalogue.line"]._read_group(
                [("catalogue_id", "in", self.ids)], ["catalogue_id", "state"], ["__count"]
            )
        }
        inquiries = dict(
            self.env["umkm.catalogue.inquiry"]._read_group(
                [("catalogue_id", "in", self.ids)], ["catalogue_id"], ["__count"]
            )
        )
        for catalogue in self:
            catalogue.approved_count = lines.get((catalogue, "approved"), 0)
            catalogue.proposed_count = lines.get((catalogue, "proposed"), 0)
            catalogue.inquiry_count = inquiries.get(catalogue, 0)

    @api.depends("slug", "is_published", "access_token")
    def _compute_public_url(self):
        base = self.get_base_url()
        for catalogue in self:
            url = f"{base}/catalogue/{catalogue.slug}"
            if not catalogue.is_published and catalogue.access_token:
                url += f"?access_token={catalogue.access_token}"
            catalogue.public_url = url

    def _compute_access_url(self):
        super()._compute_access_url()
        for catalogue in self:
            catalogue.access_url = f"/catalogue/{catalogue.slug}"
        return None

    @api.constrains("slug")
    def _check_slug(self):
        for catalogue in self:
            if catalogue.slug != self.env["ir.http"]._slugify(catalogue.slug or ""):
                raise ValidationError(
                    self.env._(
                        "The web address %(slug)s may only hold lowercase letters, digits and "
                        "dashes.",
                        slug=catalogue.slug,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        taken = set()  # the slugs given earlier in this batch
        for vals in vals_list:
            if not vals.get("slug") and vals.get("name"):
                vals["slug"] = self._unique_slug(vals["name"], taken)
            taken.add(vals.get("slug"))
        catalogues = super().create(vals_list)
        for catalogue in catalogues:  # portal.mixin's method takes one record
            catalogue._portal_ensure_token()
        return catalogues

    @api.model
    def _unique_slug(self, name, taken=()):
        """The web address of a catalogue named ``name``: its slug, numbered past those in use
        and those in ``taken``."""
        base = self.env["ir.http"]._slugify(name) or "catalogue"
        slug, n = base, 1
        Catalogue = self.sudo().with_context(active_test=False)
        while slug in taken or Catalogue.search_count([("slug", "=", slug)]):
            n += 1
            slug = f"{base}-{n}"
        return slug

    def _check_public_access(self, access_token=None):
        """Whether the public may see this catalogue: published, or the right token."""
        self.ensure_one()
        if self.is_published:
            return True
        return bool(access_token and self.access_token and consteq(self.access_token, access_token))

    def action_publish(self):
        self.is_published = True

    def action_unpublish(self):
        self.is_published = False

    def action_regenerate_token(self):
        """Invalidate the private link shared so far."""
        self.write({"access_token": False})
        self._portal_ensure_token()

    def _export_url(self, kind):
        self.ensure_one()
        url = f"/catalogue/{self.slug}/{kind}"
        if not self.is_published:
            url += f"?access_token={self.access_token}"
        return url

    def action_download_xlsx(self):
        self.check_access("read")
        return self.env.ref("umkm_cluster.action_report_umkm_catalogue_xlsx").report_action(self)

    def action_download_feed(self):
        return {"type": "ir.actions.act_url", "url": self._export_url("feed.xml")}

    def action_open_public_page(self):
        return {"type": "ir.actions.act_url", "url": self.public_url, "target": "new"}

    def action_view_lines(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "umkm_cluster.umkm_catalogue_line_action"
        )
        action["domain"] = [("catalogue_id", "=", self.id)]
        action["context"] = {"default_catalogue_id": self.id, "search_default_proposed": 1}
        return action

    def action_view_inquiries(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "umkm_cluster.umkm_catalogue_inquiry_action"
        )
        action["domain"] = [("catalogue_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------
    # Content shown outside: approved lines only
    # ------------------------------------------------------------------
    def _public_domain(self, category=None, search=None):
        self.ensure_one()
        domain = [("catalogue_id", "=", self.id), ("state", "=", "approved")]
        if category:
            domain.append(("categ_id", "=", category))
        if search:
            domain += [
                "|",
                ("product_tmpl_id.name", "ilike", search),
                ("member_id.partner_id.name", "ilike", search),
            ]
        return domain

    def _public_lines(self, category=None, search=None, offset=0, limit=None):
        """Approved lines in catalogue order (by category), prefetched for rendering: one query
        per related model, whatever the number of lines."""
        lines = self.env["umkm.catalogue.line"].search(
            self._public_domain(category, search),
            order="categ_id, sequence, id",
            offset=offset,
            limit=limit,
        )
        # warm the caches of what every line shows, in one query per model
        lines.product_tmpl_id.fetch(["name", "description_sale", "uom_id", "categ_id"])
        lines.member_id.partner_id.fetch(["name", "city"])
        lines.categ_id.fetch(["complete_name"])
        lines.uom_id.fetch(["name"])
        return lines

    def _public_line(self, line_id):
        """The approved line ``line_id`` of this catalogue, or an empty recordset."""
        self.ensure_one()
        return self.env["umkm.catalogue.line"].search(
            [*self._public_domain(), ("id", "=", line_id)], limit=1
        )

    def _public_sections(self, lines):
        """Lines grouped by product category, in catalogue order."""
        sections = OrderedDict()
        for line in lines.sorted(lambda l: (l.categ_id.complete_name or "", l.sequence, l.id)):
            sections.setdefault(line.categ_id, self.env["umkm.catalogue.line"])
            sections[line.categ_id] |= line
        return sections

    def _public_categories(self):
        self.ensure_one()
        groups = self.env["umkm.catalogue.line"]._read_group(
            [("catalogue_id", "=", self.id), ("state", "=", "approved")], ["categ_id"], ["__count"]
        )
        return [(categ, count) for categ, count in groups if categ]

    def _price_text(self, amount):
        self.ensure_one()
        return f"{float_repr(self.currency_id.round(amount), self.currency_id.decimal_places)} " + (
            self.currency_id.name
        )

    # ------------------------------------------------------------------
    # Exports
    # ------------------------------------------------------------------
    def _render_feed(self):
        """Google Merchant product feed (RSS 2.0 with the g: namespace)."""
        self.ensure_one()
        base = self.get_base_url()
        page = f"{base}/catalogue/{self.slug}"
        token = "" if self.is_published else f"?access_token={self.access_token}"
        nsmap = {"g": GOOGLE_NS}
        rss = etree.Element("rss", version="2.0", nsmap=nsmap)
        channel = etree.SubElement(rss, "channel")
        etree.SubElement(channel, "title").text = self.name
        etree.SubElement(channel, "link").text = page + token
        etree.SubElement(channel, "description").text = (
            html2plaintext(self.cover_text or "") or self.cluster_id.name
        )

        def g(parent, tag, text):
            etree.SubElement(parent, f"{{{GOOGLE_NS}}}{tag}").text = text

        for line in self._public_lines():
            product = line.product_tmpl_id
            item = etree.SubElement(channel, "item")
            g(item, "id", f"{self.slug}-{line.id}")
            g(item, "title", (product.name or "")[:150])
            g(
                item,
                "description",
                (html2plaintext(product.description_sale or "") or product.name or "")[:5000],
            )
            g(item, "link", f"{page}{token}#product-{line.id}")
            g(item, "image_link", f"{page}/image/{line.id}{token}")
            g(item, "availability", "in_stock" if line.capacity_monthly > 0 else "out_of_stock")
            g(item, "price", self._price_text(line.wholesale_price))
            g(item, "brand", line.member_id.partner_id.name or self.cluster_id.name)
            g(item, "condition", "new")
            g(item, "identifier_exists", "no")
            if line.categ_id:
                g(item, "product_type", line.categ_id.complete_name.replace(" / ", " > "))
            g(item, "min_handling_time", str(line.lead_time_days))
            g(item, "max_handling_time", str(line.lead_time_days))
        return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)

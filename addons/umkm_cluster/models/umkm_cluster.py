from odoo import api, fields, models

SECTORS = [
    ("batik", "Batik & textile crafts"),
    ("garment", "Garment & apparel"),
    ("food", "Food & beverages"),
    ("handicraft", "Handicrafts"),
    ("furniture", "Furniture & wood"),
    ("leather", "Leather & footwear"),
    ("metal", "Metal & machinery"),
    ("agriculture", "Agriculture & fisheries"),
    ("other", "Other"),
]


class UmkmCluster(models.Model):
    """A cluster of SMEs run by a cooperative (*klaster UMKM*)."""

    _name = "umkm.cluster"
    _description = "SME Cluster"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(required=True, size=12, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    sector = fields.Selection(SECTORS, required=True, default="other", tracking=True)
    country_id = fields.Many2one(
        "res.country",
        default=lambda self: self.env["ir.model.data"]._xmlid_to_res_id(
            "base.id", raise_if_not_found=False
        ),
    )
    state_id = fields.Many2one(
        "res.country.state",
        string="Province",
        domain="[('country_id', '=?', country_id)]",
        tracking=True,
    )
    city = fields.Char()
    manager_ids = fields.Many2many(
        "res.users",
        "umkm_cluster_manager_rel",
        "cluster_id",
        "user_id",
        string="Managers",
        domain=[("share", "=", False)],
        help="Cooperative managers running this cluster. Only they (and network "
        "administrators) see it.",
    )
    officer_ids = fields.Many2many(
        "res.users",
        "umkm_cluster_officer_rel",
        "cluster_id",
        "user_id",
        string="Officers",
        domain=[("share", "=", False)],
        help="Cooperative officers doing the day-to-day data entry of this cluster.",
    )
    member_ids = fields.One2many("umkm.member", "cluster_id", string="Members")
    member_count = fields.Integer(compute="_compute_member_count", string="Active members")
    description = fields.Html()
    active = fields.Boolean(default=True)
    color = fields.Integer()
    passive_months = fields.Integer(
        default=3,
        help="A cluster, or an active member, with no activity (bought together, subcontract "
        "work, joint sales) in this many months of figures is marked passive.",
    )
    is_passive = fields.Boolean(
        compute="_compute_is_passive", search="_search_is_passive", string="Passive"
    )
    snapshot_ids = fields.One2many("umkm.cluster.snapshot", "cluster_id", string="Figures")
    show_member_names = fields.Boolean(
        tracking=True,
        help="The results a member sees of a round or of a split name the other members. "
        "Off, they appear as 'Member 1 ... N' and a member only recognises itself.",
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The cluster code must be unique."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        clusters = super().create(vals_list)
        if any(vals.get("manager_ids") or vals.get("officer_ids") for vals in vals_list):
            self._clear_rule_cache()
        return clusters

    def write(self, vals):
        result = super().write(vals)
        if {"manager_ids", "officer_ids"} & set(vals):
            self._clear_rule_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self._clear_rule_cache()
        return result

    def _clear_rule_cache(self):
        """The officers' record rules name their clusters by id (``user.umkm_cluster_ids``)
        and Odoo caches the rules' domains per user: who runs a cluster changed, so they are
        computed again (in every worker: the registry signals the cleared cache)."""
        self.env["res.users"].invalidate_model(["umkm_cluster_ids"])
        self.env.registry.clear_cache()

    @api.depends("member_ids.state")
    def _compute_member_count(self):
        counts = dict(
            self.env["umkm.member"]._read_group(
                [("cluster_id", "in", self.ids), ("state", "=", "active")],
                ["cluster_id"],
                ["__count"],
            )
        )
        for cluster in self:
            cluster.member_count = counts.get(cluster, 0)

    def _compute_is_passive(self):
        passive, _members = self.env["umkm.cluster.snapshot"]._umkm_passive(self)
        for cluster in self:
            cluster.is_passive = cluster.id in passive

    def _search_is_passive(self, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(operator)
        clusters = self.search([("member_ids", "!=", False)])
        passive, _members = self.env["umkm.cluster.snapshot"]._umkm_passive(clusters)
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", list(passive))]

    def action_view_figures(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "umkm_cluster.umkm_cluster_snapshot_action"
        )
        action["domain"] = [("cluster_id", "=", self.id)]
        action["context"] = {"search_default_cluster_lines": 1}
        return action

    def _public_catalogues(self):
        """The published catalogues of this cluster (for its public pages)."""
        self.ensure_one()
        return (
            self.env["umkm.catalogue"]
            .sudo()
            .search([("cluster_id", "=", self.id), ("is_published", "=", True)])
        )

    def _umkm_responsible_manager(self):
        """The manager who gets this cluster's to-dos: its first manager who is not an
        administrator of the database (administrators are often listed to see every cluster,
        they do not run it), else its first manager."""
        self.ensure_one()
        managers = self.manager_ids
        return managers.filtered(lambda user: not user._is_admin())[:1] or managers[:1]

    def _umkm_member_labels(self, members, viewer=None):
        """How the members of one result (a round's shares, an order's split) are named to
        ``viewer`` (a member, or none for the office): their names when the cluster shows
        names or the office looks, else "Member 1 ... N" in the order given, the viewer
        always by its own name. ``{member id: label}``."""
        self.ensure_one()
        named = self.show_member_names or not viewer
        labels = {}
        for position, member in enumerate(members, start=1):
            if named or member == viewer:
                labels[member.id] = member.sudo().partner_id.display_name
            else:
                labels[member.id] = self.env._("Member %(number)s", number=position)
        return labels

    def action_view_members(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("umkm_cluster.umkm_member_action")
        action["domain"] = [("cluster_id", "=", self.id)]
        action["context"] = {"default_cluster_id": self.id}
        return action

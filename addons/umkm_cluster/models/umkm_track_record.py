import hashlib
import json
import secrets

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq

# how long a bank may verify a record by default, and how many a member may issue a day
TRACK_RECORD_VALID_DAYS = 90
TRACK_RECORD_PER_DAY = 5
# the language the record is issued in (a bank in Indonesia reads Indonesian)
TRACK_RECORD_LANG = "id_ID"


class UmkmTrackRecord(models.Model):
    """A member's record of its last twelve months with the cooperative, issued when the
    member chooses, for a bank or the KUR programme: the figures are taken from the documents
    once, when it is issued, and kept (``figures``), so the PDF the member prints and the
    public page ``/track/<token>`` the bank officer opens always show the same numbers.

    The flows add their figures by extending ``_umkm_track_record_figures`` (super() first,
    then append rows), reading the month figures of ``umkm.cluster.snapshot._umkm_figures``
    over the twelve months: one home per rule."""

    _name = "umkm.track.record"
    _description = "Member's track record"
    _order = "date desc, id desc"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    member_id = fields.Many2one(
        "umkm.member", required=True, readonly=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="member_id.partner_id", string="Business")
    cluster_id = fields.Many2one(related="member_id.cluster_id", store=True, index=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(string="Issued on", required=True, readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_expiry = fields.Date(string="Valid until", required=True, readonly=True)
    access_token = fields.Char(readonly=True, copy=False, index=True, groups="base.group_user")
    active = fields.Boolean(default=True, readonly=True)
    state = fields.Selection(
        [("valid", "Valid"), ("expired", "Expired"), ("revoked", "Revoked")],
        compute="_compute_state",
    )
    figures = fields.Json(readonly=True, copy=False)
    checksum = fields.Char(
        string="Verification code",
        readonly=True,
        copy=False,
        help="The first characters of a fingerprint of the figures: the same on the printout "
        "and on the verification page.",
    )
    issued_by_id = fields.Many2one("res.users", readonly=True, default=lambda s: s.env.user)

    def _compute_state(self):
        today = self._umkm_today()
        for record in self:
            if not record.active:
                record.state = "revoked"
            elif record.date_expiry < today:
                record.state = "expired"
            else:
                record.state = "valid"

    @api.model
    def _umkm_today(self):
        return self.env["umkm.cluster.snapshot"]._umkm_today()

    # --- the figures ------------------------------------------------------------------

    @api.model
    def _umkm_track_record_values(self, member, date_from, date_to):
        """The member's figures from ``date_from`` to ``date_to`` as the cluster's monthly
        figures take them from the documents (``umkm.cluster.snapshot._umkm_figures``, which
        each flow extends), over the whole period at once."""
        figures = (
            self.env["umkm.cluster.snapshot"]
            .sudo()
            ._umkm_figures(member.cluster_id, date_from, date_to)
        )
        return dict(figures.get((member.cluster_id.id, member.id), {}))

    @api.model
    def _umkm_track_record_figures(self, member, date_from, date_to, values):
        """The rows of the record: ``[{"key", "label", "value", "kind", "sequence"}]``, kind
        ``money``, ``qty``, ``percent`` or ``text``. ``values`` are the period's figures of
        ``_umkm_track_record_values``. Each flow adds its rows (super() first); an addon of
        advances adds what was advanced and repaid the same way."""
        return [
            {
                "key": "date_join",
                "label": self.env._("Member since"),
                "value": fields.Date.to_string(member.date_join) if member.date_join else "-",
                "kind": "date",
                "sequence": 1,
            },
            {
                "key": "state",
                "label": self.env._("Membership"),
                "value": dict(member._fields["state"]._description_selection(self.env)).get(
                    member.state, member.state
                ),
                "kind": "text",
                "sequence": 2,
            },
        ]

    @api.model
    def _umkm_track_record_header(self, member):
        """Who the record is of, kept with the figures."""
        return {
            "business": member.partner_id.commercial_partner_id.name,
            "number": member.number,
            "cluster": member.cluster_id.name,
            "nib": member.nib or "",
            "company": member.company_id.name,
        }

    @api.model
    def _umkm_checksum(self, vals):
        payload = json.dumps(
            [
                vals["member_id"],
                vals["date_from"],
                vals["date"],
                vals["date_expiry"],
                vals["figures"],
            ],
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:12].upper()

    @api.model
    def _umkm_lang(self):
        installed = dict(self.env["res.lang"].get_installed())
        return TRACK_RECORD_LANG if TRACK_RECORD_LANG in installed else self.env.lang

    @api.model
    def _prepare_track_record_vals(self, member, date=None):
        """The values of a new record of ``member`` issued on ``date`` (today in WIB): its
        last twelve months' figures, in Indonesian where it is installed."""
        date = date or self._umkm_today()
        date_from = date - relativedelta(years=1) + relativedelta(days=1)
        this = self.with_context(lang=self._umkm_lang())
        member = member.with_context(lang=this.env.lang)
        values = this._umkm_track_record_values(member, date_from, date)
        rows = sorted(
            this._umkm_track_record_figures(member, date_from, date, values),
            key=lambda row: row["sequence"],
        )
        vals = {
            "member_id": member.id,
            "date": date,
            "date_from": date_from,
            "date_expiry": date + relativedelta(days=TRACK_RECORD_VALID_DAYS),
            "access_token": secrets.token_urlsafe(32),
            "figures": {"header": self._umkm_track_record_header(member), "rows": rows},
        }
        vals["checksum"] = self._umkm_checksum(vals)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = Sequence.next_by_code("umkm.track.record") or "/"
        return super().create(vals_list)

    def write(self, vals):
        # what was issued stays as it was issued: only revoking (and restoring) is a change
        if set(vals) - {"active"} and not self.env.su:
            self.check_access("write")
            raise UserError(self.env._("An issued track record cannot be changed: revoke it."))
        return super().write(vals)

    # --- issuing and revoking ---------------------------------------------------------

    @api.model
    def _umkm_issue(self, member):
        """Issue a record for ``member`` (its own portal user, or an officer of its cluster):
        the caller's access to the membership is checked, the record made as superuser."""
        member = member.with_env(self.env)
        member.check_access("read")
        if member.state not in ("active", "suspended"):
            raise UserError(
                self.env._("A track record is issued for a member of the cooperative only.")
            )
        today = self._umkm_today()
        issued_today = (
            self.sudo()
            .with_context(active_test=False)
            .search_count([("member_id", "=", member.id), ("date", "=", today)])
        )
        if issued_today >= TRACK_RECORD_PER_DAY:
            raise UserError(
                self.env._(
                    "You issued %(count)s track records today: use one of them or try tomorrow.",
                    count=issued_today,
                )
            )
        record = self.sudo().create(self._prepare_track_record_vals(member.sudo(), today))
        member.sudo().message_post(
            body=self.env._(
                "Track record %(name)s issued by %(user)s, valid until %(date)s.",
                name=record.name,
                user=self.env.user.name,
                date=record.date_expiry.strftime("%d/%m/%Y"),
            )
        )
        return record.sudo(False)

    def action_revoke(self):
        """Revoke: the verification page refuses the record from now on."""
        # the member revokes its own (record rules), an officer those of its clusters
        self.check_access("read" if self.env.user._is_portal() else "write")
        for record in self.sudo():
            if not record.active:
                continue
            record.active = False
            record.member_id.message_post(
                body=self.env._(
                    "Track record %(name)s revoked by %(user)s.",
                    name=record.name,
                    user=self.env.user.name,
                )
            )
        return True

    # --- the public verification --------------------------------------------------------

    @api.model
    def _umkm_verify(self, token):
        """The valid record whose token is ``token`` (superuser), or an empty recordset for a
        wrong, expired or revoked one: the caller says nothing more."""
        Record = self.sudo().with_context(active_test=False)
        if not token or not isinstance(token, str) or len(token) > 100:
            return Record.browse()
        record = Record.search([("access_token", "=", token)], limit=1)
        if not record or not consteq(record.access_token or "", token) or record.state != "valid":
            return Record.browse()
        return record

    def _umkm_verify_url(self):
        self.ensure_one()
        base = self.get_base_url()
        return f"{base}/track/{self.sudo().access_token}"

    def _umkm_open(self, member=None):
        """The backend's window on these records (of ``member``, when given)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "umkm_cluster.umkm_track_record_action"
        )
        if member:
            action["domain"] = [("member_id", "=", member.id)]
        elif len(self) == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=self.id)
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.name

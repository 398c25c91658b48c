from odoo import fields, models
from odoo.exceptions import UserError

# field: (code, English name, Indonesian name, account type)
SAVING_ACCOUNTS = {
    "umkm_pokok_account_id": ("31300010", "Members' principal savings", "Simpanan Pokok", "equity"),
    "umkm_wajib_account_id": (
        "31300020",
        "Members' compulsory savings",
        "Simpanan Wajib",
        "equity",
    ),
    "umkm_sukarela_account_id": (
        "21900010",
        "Members' voluntary savings",
        "Simpanan Sukarela",
        "liability_current",
    ),
    "umkm_reserve_account_id": ("31210020", "Cooperative's reserve", "Cadangan Koperasi", "equity"),
}
# the funds of the surplus (SHU) by the kind of the rule's line
FUND_ACCOUNTS = {
    "management": ("21900020", "Management fund (SHU)", "Dana Pengurus dan Pengawas"),
    "employees": ("21900030", "Employees' fund (SHU)", "Dana Karyawan"),
    "education": ("21900040", "Education fund (SHU)", "Dana Pendidikan"),
    "social": ("21900050", "Social fund (SHU)", "Dana Sosial"),
    "other": ("21900060", "Regional development fund (SHU)", "Dana Pembangunan Daerah Kerja"),
}
SAVING_JOURNAL = ("SMPN", "Member savings", "Simpanan Anggota")


class ResCompany(models.Model):
    _inherit = "res.company"

    umkm_pokok_account_id = fields.Many2one(
        "account.account",
        string="Principal savings account",
        check_company=True,
        help="Equity (modal sendiri): the members' simpanan pokok.",
    )
    umkm_wajib_account_id = fields.Many2one(
        "account.account",
        string="Compulsory savings account",
        check_company=True,
        help="Equity (modal sendiri): the members' simpanan wajib.",
    )
    umkm_sukarela_account_id = fields.Many2one(
        "account.account",
        string="Voluntary savings account",
        check_company=True,
        help="Liability: the members' simpanan sukarela, theirs to withdraw.",
    )
    umkm_reserve_account_id = fields.Many2one(
        "account.account",
        string="Reserve account",
        check_company=True,
        help="Equity: the part of the surplus kept as the cooperative's reserve (cadangan).",
    )
    umkm_surplus_account_id = fields.Many2one(
        "account.account",
        string="Surplus account",
        check_company=True,
        help="Where the year's surplus (SHU) is taken from when it is shared: by default the "
        "undistributed profits.",
    )
    umkm_saving_journal_id = fields.Many2one(
        "account.journal",
        string="Savings journal",
        check_company=True,
        domain="[('type', '=', 'general')]",
        help="The journal of the savings' and the surplus' entries.",
    )

    def _umkm_cooperative_setup(self):
        """Create what the savings and the surplus book to, where it is missing: the savings,
        reserve and fund accounts (Indonesian names where the company works in Indonesian or
        on Odoo's Indonesian chart) and the savings journal. Companies without a chart of
        accounts are left until they have one."""
        Account = self.env["account.account"].sudo()
        for company in self.sudo():
            if not Account.search_count([("company_ids", "in", company.ids)], limit=1):
                continue
            indonesian = company._umkm_cooperative_indonesian()
            vals = {}
            for fname, (code, name, name_id, account_type) in SAVING_ACCOUNTS.items():
                if not company[fname]:
                    vals[fname] = company._umkm_account(
                        code, name, name_id, account_type, indonesian
                    ).id
            for code, name, name_id in FUND_ACCOUNTS.values():
                company._umkm_account(code, name, name_id, "liability_current", indonesian)
            if not company.umkm_surplus_account_id:
                vals["umkm_surplus_account_id"] = Account.search(
                    [
                        ("company_ids", "in", company.ids),
                        ("account_type", "=", "equity_unaffected"),
                    ],
                    limit=1,
                ).id
            if not company.umkm_saving_journal_id:
                code, name, name_id = SAVING_JOURNAL
                journal = self.env["account.journal"].sudo().search(
                    [("company_id", "=", company.id), ("code", "=", code)], limit=1
                ) or self.env["account.journal"].sudo().create(
                    {
                        "name": name_id if indonesian else name,
                        "code": code,
                        "type": "general",
                        "company_id": company.id,
                    }
                )
                vals["umkm_saving_journal_id"] = journal.id
            if vals:
                company.write(vals)

    def _umkm_cooperative_indonesian(self):
        self.ensure_one()
        return (self._fields.get("chart_template") and self.chart_template == "id") or (
            self.partner_id.lang == "id_ID"
        )

    def _umkm_account(self, code, name, name_id, account_type, indonesian):
        """The company's account of ``code``, created when missing."""
        self.ensure_one()
        Account = self.env["account.account"].sudo().with_company(self)
        account = Account.search([("company_ids", "in", self.ids), ("code", "=", code)], limit=1)
        if account:
            return account
        account = Account.create(
            {
                "code": code,
                "name": name,
                "account_type": account_type,
                "company_ids": [(6, 0, self.ids)],
            }
        )
        if self.env["res.lang"]._lang_get("id_ID"):
            account.update_field_translations("name", {"id_ID": name_id})
        if indonesian:
            account.with_context(lang="en_US").name = name_id
        return account

    def _umkm_fund_account(self, kind):
        """The account of a surplus fund of ``kind`` (a rule line's kind)."""
        self.ensure_one()
        if kind == "reserve":
            return self.umkm_reserve_account_id
        code, name, name_id = FUND_ACCOUNTS.get(kind, FUND_ACCOUNTS["other"])
        return self._umkm_account(
            code, name, name_id, "liability_current", self._umkm_cooperative_indonesian()
        )

    def _umkm_cooperative_check_setup(self):
        """The accounts and journal, made now if the company got its chart since."""
        self.ensure_one()
        fnames = [*SAVING_ACCOUNTS, "umkm_saving_journal_id", "umkm_surplus_account_id"]
        if not all(self[f] for f in fnames):
            self._umkm_cooperative_setup()
        missing = [self._fields[f].string for f in fnames if not self[f]]
        if missing:
            raise UserError(
                self.env._(
                    "Set the cooperative's accounts of %(company)s first (Settings of the "
                    "company): %(missing)s.",
                    company=self.display_name,
                    missing=", ".join(missing),
                )
            )

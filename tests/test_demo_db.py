"""The demo database a new user gets (``bin/serve``, the compose file's first start): an
Indonesian cooperative on Odoo's l10n_id, in Indonesian, in Asia/Jakarta, in rupiah without
cents, telling only its own story (no demo document of Odoo's), consistent with itself and
without a failed e-mail. Runs ``bin/demo-db`` into a throwaway database and reads the result
back: about 3 minutes of the suite's run (one full install of Odoo and the suite)."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg2

import odoo

ROOT = Path(__file__).resolve().parent.parent


def suite_addons():
    return ",".join(sorted(p.parent.name for p in (ROOT / "addons").glob("*/__manifest__.py")))


def _rows(db, query):
    conn = psycopg2.connect(dbname=db)
    try:
        with conn.cursor() as cr:
            cr.execute(query)
            return cr.fetchall()
    finally:
        conn.close()


def test_demo_database_is_an_indonesian_cooperative():
    db = f"umkm_demo_test_{os.getpid()}"
    command = [
        sys.executable,
        str(ROOT / "bin" / "demo-db"),
        db,
        suite_addons(),
        "-c",
        str(ROOT / "config" / "odoo-local.conf"),
        f"--addons-path={odoo.tools.config['addons_path']}",
        "--log-level=warn",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=1500)
        log = result.stdout + result.stderr
        assert result.returncode == 0, log[-3000:]
        assert " ERROR " not in log, log[-3000:]
        (company,) = _rows(
            db,
            """SELECT c.name, cur.name, cur.rounding, c.chart_template, p.lang, p.tz, p.city,
                      country.code
                 FROM res_company c
                 JOIN res_currency cur ON cur.id = c.currency_id
                 JOIN res_partner p ON p.id = c.partner_id
                 JOIN res_country country ON country.id = p.country_id
                WHERE c.id = 1""",
        )
        assert company == (
            "Koperasi Klaster Batik Jetis Sidoarjo",
            "IDR",
            1.0,
            "id",
            "id_ID",
            "Asia/Jakarta",
            "Sidoarjo",
            "ID",
        )
        users = {
            login: (lang, tz, action)
            for login, lang, tz, action in _rows(
                db,
                """SELECT u.login, p.lang, p.tz, d.name
                     FROM res_users u
                     JOIN res_partner p ON p.id = u.partner_id
                LEFT JOIN ir_model_data d ON d.model = 'ir.actions.act_window'
                      AND d.res_id = u.action_id
                    WHERE u.login IN ('admin', 'umkm.manager', 'umkm.officer', 'lestari',
                                      'sandang')""",
            )
        }
        assert users["admin"][:2] == ("id_ID", "Asia/Jakarta")
        for login in ("umkm.manager", "umkm.officer"):
            assert users[login] == ("id_ID", "Asia/Jakarta", "umkm_cluster_action"), users
        for login in ("lestari", "sandang"):
            assert users[login][:2] == ("id_ID", "Asia/Jakarta"), users
        # the demo round's member invoices: posted, in rupiah, whole rupiah
        invoices = _rows(
            db,
            """SELECT m.amount_total, cur.name, m.amount_tax, m.amount_untaxed
                 FROM account_move m
                 JOIN res_currency cur ON cur.id = m.currency_id
                WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
                  AND m.company_id = 1 AND m.invoice_origin LIKE 'PB/%'""",
        )
        assert invoices
        for total, currency, tax, untaxed in invoices:
            assert currency == "IDR"
            assert float(total) == round(float(total)), total
            # the demo cooperative is a PKP: PPN of l10n_id (12% of 11/12) on its invoices
            assert 0.10 * float(untaxed) < float(tax) <= 0.11 * float(untaxed) + 1, (tax, untaxed)
        # due after the cooperative's members' payment terms (30 days), not "due today"
        assert _rows(
            db,
            """SELECT DISTINCT invoice_date_due - invoice_date FROM account_move
                WHERE move_type = 'out_invoice' AND state = 'posted' AND company_id = 1
                  AND invoice_origin LIKE 'PB/%'""",
        ) == [(30,)]
        assert _rows(
            db,
            """SELECT c.umkm_charges_vat, p.vat FROM res_company c
                 JOIN res_partner p ON p.id = c.partner_id WHERE c.id = 1""",
        ) == [(True, "09.254.294.3-617.000")]
        # the bridge to Coretax e-Faktur came by itself, with the demo materials' codes
        assert _rows(db, "SELECT state FROM ir_module_module WHERE name = 'umkm_l10n_id'") == [
            ("installed",)
        ]
        codes = _rows(
            db,
            """SELECT d.name, code.code FROM ir_model_data d
                 JOIN product_template t ON t.id = d.res_id
                 JOIN l10n_id_efaktur_coretax_product_code code
                   ON code.id = t.l10n_id_product_code
                WHERE d.module = 'umkm_joint_procurement' AND d.model = 'product.template'
                  AND d.name IN ('product_kain_product_template',
                                 'product_procurement_fee_product_template')""",
        )
        assert sorted(codes) == [
            ("product_kain_product_template", "520800"),
            ("product_procurement_fee_product_template", "000000"),
        ], codes
        # this month's round of the monthly template opened with the standing demand carried
        # in; the round of the school uniforms has two bids, one answered with volume prices
        assert _rows(
            db,
            """SELECT r.state, r.window_hours, count(dm.id), sum(dm.qty)
                 FROM umkm_procurement_round r
                 JOIN ir_model_data d ON d.res_id = r.template_id
                  AND d.model = 'umkm.procurement.round.template' AND d.name = 'template_monthly'
                 JOIN umkm_procurement_demand dm ON dm.round_id = r.id
             GROUP BY r.id""",
        ) == [("open", 24, 4, 125.0)]
        assert _rows(
            db,
            """SELECT po.umkm_bid_answered_on IS NOT NULL, count(t.id)
                 FROM purchase_order po
                 JOIN ir_model_data d ON d.res_id = po.umkm_round_id
                  AND d.model = 'umkm.procurement.round' AND d.name = 'round_bid'
                 LEFT JOIN umkm_procurement_bid_tier t ON t.order_id = po.id
             GROUP BY po.id ORDER BY 1""",
        ) == [(False, 0), (True, 3)]
        # the firm's order comes in two deliveries with its fabric, 2.4 m per piece: received
        # as the firm's property (no valuation), issued to the members who took the work
        lots = _rows(
            db,
            """SELECT l.qty FROM umkm_subcontract_lot l
                 JOIN ir_model_data d ON d.res_id = l.order_id
                  AND d.model = 'umkm.subcontract.order'
                  AND d.name = 'order_sandang_kembang_tebu'
             ORDER BY l.date_due""",
        )
        assert lots == [(120.0,), (80.0,)], lots
        quants = _rows(
            db,
            """SELECT loc.umkm_member_id IS NOT NULL, p.name, sum(q.quantity)
                 FROM stock_quant q
                 JOIN stock_location loc ON loc.id = q.location_id
                 JOIN res_partner p ON p.id = q.owner_id
                 JOIN ir_model_data d ON d.res_id = q.product_id AND d.model = 'product.product'
                  AND d.name = 'product_kain_sandang'
                WHERE loc.usage = 'internal'
             GROUP BY 1, 2 ORDER BY 1""",
        )
        # 200 pieces × 2.4 m + 3% received; 175 pieces accepted × 2.4 m + 3% at the members
        assert [(at_member, round(qty, 2)) for at_member, _owner, qty in quants] == [
            (False, 61.8),
            (True, 432.6),
        ], quants
        assert {owner for _m, owner, _q in quants} == {"PT Sandang Nusantara"}, quants
        assert _rows(
            db,
            """SELECT count(*) FROM stock_valuation_layer v
                 JOIN ir_model_data d ON d.res_id = v.product_id AND d.model = 'product.product'
                  AND d.name = 'product_kain_sandang' WHERE v.value != 0""",
        ) == [(0,)]
        # a sale of three members' products became three requests to the members, line by
        # line; the buyers' phones are stored in E.164
        member_orders = _rows(
            db,
            """SELECT p.name, po.state, po.umkm_member_answer, sum(pol.product_qty)
                 FROM purchase_order po
                 JOIN res_partner p ON p.id = po.partner_id
                 JOIN purchase_order_line pol ON pol.order_id = po.id
                 JOIN ir_model_data d ON d.res_id = po.umkm_sale_order_id
                  AND d.model = 'sale.order' AND d.name = 'sale_butik_kota'
             GROUP BY 1, 2, 3 ORDER BY 1""",
        )
        assert sorted(qty for *_r, qty in member_orders) == [25.0, 40.0, 60.0], member_orders
        assert {(state, answer) for _n, state, answer, _q in member_orders} == {
            ("sent", "pending")
        }, member_orders
        phones = {
            phone
            for (phone,) in _rows(
                db,
                """SELECT i.phone FROM umkm_catalogue_inquiry i
                     JOIN ir_model_data d ON d.res_id = i.id
                      AND d.model = 'umkm.catalogue.inquiry' AND d.module = 'umkm_marketing'""",
            )
        }
        assert phones == {"+6281233004455", "+62361975123"}, phones
        translated = _rows(
            db,
            """SELECT name->>'id_ID' FROM ir_ui_menu
                WHERE id = (SELECT res_id FROM ir_model_data
                             WHERE module = 'umkm_cluster'
                               AND name = 'menu_umkm_cluster_members')""",
        )
        assert translated == [("Anggota",)]
        _check_only_the_cooperatives_story(db)
        _check_consistent_demo(db)
    finally:
        conn = psycopg2.connect(dbname="postgres")
        conn.autocommit = True
        conn.cursor().execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.close()
        subprocess.run(["rm", "-rf", str(Path.home() / ".local/share/Odoo/filestore" / db)])


def _check_only_the_cooperatives_story(db):
    """No demo document of Odoo's own modules: only the suite's modules loaded demo data."""
    odoo_demo_records = _rows(
        db,
        """SELECT module || '.' || name FROM ir_model_data
            WHERE (module, name) IN (('base', 'user_demo'), ('base', 'partner_demo'),
                                     ('base', 'res_partner_1'), ('base', 'res_partner_12'),
                                     ('sale', 'sale_order_1'), ('purchase', 'purchase_order_1'),
                                     ('product', 'product_product_4'),
                                     ('stock', 'warehouse0_demo'))""",
    )
    assert not odoo_demo_records, odoo_demo_records
    names = {name for (name,) in _rows(db, "SELECT name FROM res_partner")}
    for odoo_demo in (
        "Mitchell Admin",
        "Marc Demo",
        "Wood Corner",
        "Gemini Furniture",
        "Azure Interior",
    ):
        assert odoo_demo not in names, odoo_demo
    # every sale and purchase is the cooperative's (its buyers, its members, its vendors)
    assert _rows(
        db,
        """SELECT count(*) FROM sale_order s JOIN res_currency c ON c.id = s.currency_id
            WHERE c.name != 'IDR'""",
    ) == [(0,)]
    assert _rows(
        db,
        """SELECT count(*) FROM purchase_order p JOIN res_currency c ON c.id = p.currency_id
            WHERE c.name != 'IDR'""",
    ) == [(0,)]
    # the demo modules are flagged as demo; Odoo's own were installed without theirs
    assert _rows(
        db, "SELECT count(*) FROM ir_module_module WHERE name LIKE 'umkm%' AND NOT demo"
    ) == [(0,)]
    # no e-mail failed (a local run has no mail server): they wait in the queue
    assert _rows(db, "SELECT count(*) FROM mail_mail WHERE state = 'exception'") == [(0,)]
    assert _rows(
        db, "SELECT count(*) FROM mail_notification WHERE notification_status = 'exception'"
    ) == [(0,)]
    # the cooperative's logo on its public pages and documents
    assert _rows(
        db,
        """SELECT count(*) FROM ir_attachment WHERE res_model = 'res.partner'
            AND res_field = 'image_1920'
            AND res_id = (SELECT partner_id FROM res_company WHERE id = 1)""",
    ) == [(1,)]


def _xmlid_res(db, module, name):
    ((res_id,),) = _rows(
        db,
        f"SELECT res_id FROM ir_model_data WHERE module = '{module}' AND name = '{name}'",
    )
    return res_id


def _check_consistent_demo(db):
    """The demo tells one story: what one document says, the next one says too."""
    # the answered inquiry of Butik Kota became the sale of its 40 pieces at the answered price
    inquiry = _xmlid_res(db, "umkm_marketing", "inquiry_butik_surabaya")
    sale = _xmlid_res(db, "umkm_marketing", "sale_butik_kota")
    ((answer_price, answer_qty, sale_id, product_tmpl, city),) = _rows(
        db,
        f"""SELECT i.answer_price, i.answer_qty, i.sale_order_id, l.product_tmpl_id, i.buyer_city
              FROM umkm_catalogue_inquiry i JOIN umkm_catalogue_line l ON l.id = i.line_id
             WHERE i.id = {inquiry}""",
    )
    assert sale_id == sale
    assert city
    lines = _rows(
        db,
        f"""SELECT sol.product_uom_qty, sol.price_unit FROM sale_order_line sol
              JOIN product_product p ON p.id = sol.product_id
             WHERE sol.order_id = {sale} AND p.product_tmpl_id = {product_tmpl}""",
    )
    assert lines == [(answer_qty, answer_price)], (lines, answer_qty, answer_price)
    # activities go to the cluster's manager, never to the administrator
    assert _rows(
        db,
        """SELECT count(*) FROM mail_activity a JOIN res_users u ON u.id = a.user_id
            WHERE u.login = 'admin'""",
    ) == [(0,)]
    # the round of last month announced the deadline it has
    round_id = _xmlid_res(db, "umkm_joint_procurement", "round_done")
    ((deadline,),) = _rows(
        db,
        f"""SELECT to_char(deadline AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Jakarta', 'DD/MM/YY')
              FROM umkm_procurement_round WHERE id = {round_id}""",
    )
    announcements = _rows(
        db,
        f"""SELECT m.body, m.date < r.deadline FROM mail_message m
              JOIN umkm_procurement_round r ON r.id = m.res_id
             WHERE m.model = 'umkm.procurement.round' AND m.res_id = {round_id}
               AND m.body LIKE '%<strong%'""",
    )
    assert announcements
    for body, before_deadline in announcements:
        assert deadline in body, (deadline, body)
        assert before_deadline
    # an inti-plasma agreement with inputs on credit and an agency agreement, both running
    patterns = _rows(
        db,
        """SELECT pattern, bool_or(inputs_on_credit), max(commission_percent)
             FROM umkm_partnership_agreement WHERE state = 'active' GROUP BY 1 ORDER BY 1""",
    )
    patterns = {pattern: (credit, commission) for pattern, credit, commission in patterns}
    assert patterns["inti_plasma"][0] is True, patterns
    assert patterns["distribusi_keagenan"][1] > 0, patterns
    # the firm's documents are on the demo order
    order = _xmlid_res(db, "umkm_partnership", "order_sandang_kembang_tebu")
    assert _rows(
        db,
        f"""SELECT count(*) FROM ir_attachment
             WHERE res_model = 'umkm.subcontract.order' AND res_id = {order}""",
    ) == [(2,)]
    # the buyers say where they are
    assert _rows(
        db,
        """SELECT count(*) FROM umkm_catalogue_inquiry i JOIN ir_model_data d
                ON d.res_id = i.id AND d.model = 'umkm.catalogue.inquiry'
             WHERE coalesce(i.buyer_city, '') = ''""",
    ) == [(0,)]

"""Every user-facing string of every addon has its Indonesian translation."""

import io
from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import PoFileReader, trans_export

from odoo.addons.umkm_cluster.tests.common import load_indonesian

ADDONS_DIR = Path(__file__).resolve().parent.parent / "addons"


@tagged("post_install", "-at_install")
class TestIndonesianTranslation(TransactionCase):
    def test_every_string_has_an_indonesian_translation(self):
        addons = sorted(p.parent.name for p in ADDONS_DIR.glob("*/__manifest__.py"))
        self.assertTrue(addons)
        for addon in addons:
            with self.subTest(addon=addon):
                po_path = ADDONS_DIR / addon / "i18n" / "id.po"
                self.assertTrue(po_path.exists(), f"{addon} has no i18n/id.po")
                buffer = io.BytesIO()
                trans_export(None, [addon], buffer, "po", self.env.cr)
                template = polib.pofile(buffer.getvalue().decode())
                translated = {
                    entry.msgid
                    for entry in polib.pofile(str(po_path))
                    if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
                }
                # what Odoo loads: id.po merged with the addon's .pot (an entry missing from
                # an outdated .pot is dropped as obsolete: bin/i18n-update refreshes both)
                translated &= {row["src"] for row in PoFileReader(str(po_path)) if row["value"]}
                missing = sorted({e.msgid for e in template} - translated)
                self.assertFalse(
                    missing, f"{addon}: {len(missing)} strings without Indonesian: {missing[:10]}"
                )

    def test_indonesian_translation_is_applied(self):
        load_indonesian(self.env, "umkm_cluster")
        labels = self.env["umkm.member"].with_context(lang="id_ID").fields_get(["state"])
        self.assertEqual(labels["state"]["string"], "Status")
        selection = dict(labels["state"]["selection"])
        self.assertEqual(selection["active"], "Aktif")

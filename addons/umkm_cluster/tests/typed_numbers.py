"""Numbers typed in a person's language: the table every form of the suite is tested with."""

# what a person types, and the value stored when that person reads Indonesian / English
# (None: the form refuses it and says why, it never guesses)
TYPED = (
    ("750.000", 750000.0, 750.0),
    ("1.000", 1000.0, 1.0),
    ("12,5", 12.5, None),
    ("1.250,5", 1250.5, None),
)
LANGS = (("id_ID", 1), ("en_US", 2))


class TypedNumbersMixin:
    """For HttpCase tests of a form: each row of :data:`TYPED` as an Indonesian and as an
    English user, the stored value read back."""

    def _umkm_speak(self, user, password, lang):
        """Log ``user`` in again speaking ``lang`` (the session takes the language at login)."""
        self.env["res.lang"]._activate_lang(lang)
        user.lang = lang
        self.authenticate(user.login, password)

    def _umkm_public_lang(self, lang):
        """A new visitor whose browser asks for ``lang``: the headers to send."""
        self.env["res.lang"]._activate_lang(lang)
        self.opener.cookies.clear()
        return {"Accept-Language": lang.replace("_", "-")}

    def assert_typed_numbers(self, speak, submit, stored, rows=TYPED):
        """``speak(lang)`` sets the language, ``submit(raw)`` posts the form with ``raw`` typed
        in the field under test and returns the response, ``stored()`` reads the value saved."""
        for lang, column in LANGS:
            speak(lang)
            for row in rows:
                raw, expected = row[0], row[column]
                with self.subTest(lang=lang, typed=raw):
                    response = submit(raw)
                    if expected is None:
                        self.assertEqual(response.status_code, 400, response.text[-2000:])
                        self.assertNotIn("Traceback", response.text)
                        continue
                    self.assertLess(response.status_code, 400, response.text[-2000:])
                    self.env.invalidate_all()
                    self.assertEqual(stored(), expected)

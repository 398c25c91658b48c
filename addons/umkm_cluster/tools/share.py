"""Links people share where they talk: WhatsApp (``wa.me``)."""

from urllib.parse import quote


def whatsapp_share_url(text, url=None):
    """A ``https://wa.me/?text=...`` link that opens WhatsApp with ``text`` (and ``url``)
    ready to send to anyone."""
    message = f"{text} {url}" if url else text
    return "https://wa.me/?text=" + quote(message, safe="")


def whatsapp_chat_url(phone_e164):
    """A link opening a WhatsApp chat with the E.164 number ``phone_e164`` (``+62812...``)."""
    digits = "".join(c for c in phone_e164 or "" if c.isdigit())
    return f"https://wa.me/{digits}" if digits else False

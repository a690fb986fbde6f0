"""The one error rendering raises; endpoints turn it into 503 PDF_RENDER_FAILED."""


class RenderFailed(Exception):
    pass

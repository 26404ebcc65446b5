"""The JSON API at /api/v1/: one NinjaAPI, one authentication, one error helper.

The OpenAPI schema is at /api/openapi.json and the interactive docs at /api/docs.
"""

from ninja import NinjaAPI

from . import directory, learning, outreach, tokens, visits
from .auth import AUTH
from .errors import BodyParser, Renderer, install

api = NinjaAPI(
    title="hocvuso API",
    version="1",
    description=(
        "API của hocvuso cho điện thoại và phần mềm khác: lượt hỗ trợ, tuyên truyền, "
        "lớp học số, nhóm Zalo, tổ và đơn vị. Xác thực bằng `Authorization: Bearer <mã>` "
        "hoặc phiên đăng nhập (kèm X-CSRFToken). Mọi dữ liệu theo phạm vi của người gọi."
    ),
    auth=AUTH,
    renderer=Renderer(),
    parser=BodyParser(),
    urls_namespace="api",
)
install(api)

for module in (visits, outreach, learning, directory, tokens):
    api.add_router("/v1/", module.router)

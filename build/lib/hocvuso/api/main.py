"""The JSON API at /api/v1/: one NinjaAPI, one authentication, one error helper.

Each capability holds its own router (`support/api.py`, `outreach/api.py`,
`learning/api.py`, `teams/api.py`, `units/api.py`); this module mounts them, with
the caller (`me.py`) and their tokens (`tokens.py`). The OpenAPI schema is at
/api/openapi.json and the interactive docs at /api/docs.
"""

from ninja import NinjaAPI

from hocvuso.core.api_errors import BodyParser, Renderer, install
from hocvuso.learning.api import router as learning
from hocvuso.outreach.api import router as outreach
from hocvuso.support.api import router as support
from hocvuso.teams.api import router as teams
from hocvuso.units.api import router as units

from . import me, tokens
from .auth import AUTH

# The operation ids of the schema, by tag: "hocvuso_api_visits_list_visits". They are
# those the endpoints had when they all lived in this app, kept for the clients
# generated from the schema, whichever app holds an endpoint now.
OPERATION_GROUPS = {
    "Lượt hỗ trợ": "visits",
    "Tuyên truyền, nhóm Zalo": "outreach",
    "Lớp học số": "learning",
    "Danh mục": "directory",
    "Mã truy cập": "tokens",
}


class Api(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        group = OPERATION_GROUPS[operation.tags[0]]
        return f"hocvuso_api_{group}_{operation.view_func.__name__}"


api = Api(
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

for router in (support, outreach, learning, teams, units, me.router, tokens.router):
    api.add_router("/v1/", router)

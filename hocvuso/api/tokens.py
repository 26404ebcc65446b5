"""A user's own API tokens: issue one from the signed-in page, list them, revoke one."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from hocvuso.core.api import ERRORS, Id, LocalMoment, Text

from .auth import session_auth
from .models import ApiToken
from .services import issue_token, revoke_token

router = Router(tags=["Mã truy cập"])


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: LocalMoment
    last_used_at: LocalMoment | None
    revoked_at: LocalMoment | None
    expires_at: LocalMoment


class NewTokenOut(TokenOut):
    secret: str


class TokenIn(Schema):
    name: Text(100)


@router.post("/tokens", auth=session_auth, response={201: NewTokenOut, **ERRORS})
def create_token(request, data: TokenIn):
    """Tạo mã truy cập mới (chỉ từ trang đã đăng nhập). Mã bí mật chỉ hiện một lần này."""
    token, secret = issue_token(request.auth, data.name)
    token.secret = secret
    return Status(201, token)


@router.get("/tokens", response={200: list[TokenOut], **ERRORS})
def list_tokens(request):
    """Các mã truy cập của chính người gọi."""
    return list(ApiToken.objects.filter(user=request.auth))


@router.delete("/tokens/{token_id}", response={204: None, **ERRORS})
def remove_token(request, token_id: Id):
    """Thu hồi một mã truy cập của mình; mã đã thu hồi không dùng lại được."""
    token = get_object_or_404(ApiToken.objects.filter(user=request.auth), pk=token_id)
    revoke_token(token, request.auth)
    return Status(204, None)

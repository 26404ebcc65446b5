from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "hocvuso.outreach"
    label = "outreach"
    verbose_name = "Tuyên truyền"

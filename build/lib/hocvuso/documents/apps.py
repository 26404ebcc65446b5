from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "hocvuso.documents"
    label = "documents"
    verbose_name = "Văn bản chỉ đạo"

from ninja import NinjaAPI

api = NinjaAPI(title="Teilhabe API", version="1", urls_namespace="api")

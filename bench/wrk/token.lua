-- POST /token, the password grant, form-encoded; the password comes from ADMIN_PASSWORD.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=password&username=admin&password=" .. os.getenv("ADMIN_PASSWORD")

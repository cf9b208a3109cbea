# The server for the `fetch` workload: HTTP/1.1 with keep-alive on 127.0.0.1, a port of 0,
# a thread per connection and a listen backlog of 1024 (http.server's default of 5 drops
# connects under 200 at once). Prints its URL first; GET /item/N answers `item N` padded
# to 1 KiB.
import http.server
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        n = self.path.rsplit("/", 1)[-1]
        body = f"item {n}\n".ljust(1024, ".").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 1024
    daemon_threads = True


server = Server(("127.0.0.1", 0), Handler)
print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
sys.stdout.close()
server.serve_forever()

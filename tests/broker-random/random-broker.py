#!/usr/bin/env python3
# random-broker.py — an independent broker server that answers every endpoint with invented data
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Not our demo broker: a second, deliberately careless implementation of the REST API for Brokers
# (docs: /work/shared/reference/broker-api*.md) written only from the spec and bourse-schema's rules.
# Every answer is drawn from a seeded random generator:
#   --mode valid    answers that bourse-schema's strict mode accepts: random ids (that refer to nothing),
#                   every enum value, numbers of every sign and size within each member's range,
#                   arrays of 0–3 items, optional members present or absent, {"s":"error"} rejections,
#                   and now and then an HTTP 401, 404, 429 or 500 with a JSON or an empty body.
#   --mode invalid  the same, with one member in three replaced by a value of the wrong type or range,
#                   members dropped, non-JSON bodies, truncated JSON and broken envelopes.
# Streams (/streaming and /accounts/{id}/stream/{kind}) send a snapshot (entity streams), then random
# lines every 20–150 ms, pings, and sometimes end after a few lines.
#
# Usage: random-broker.py --seed N [--mode valid|invalid] [--port P]
# It prints "PORT <n>" on stdout once listening and serves until killed (or stdin closes, --stdin-exit).
# Each request's answer depends only on the seed and the request's sequence number (per path kind),
# so a failing seed replays.
import argparse
import json
import random
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SIDES = ["buy", "sell"]
ORDER_TYPES = ["market", "limit", "stop", "stoplimit"]
ORDER_STATUSES = ["placing", "inactive", "working", "rejected", "filled", "cancelled"]
FINAL_STATUSES = ["rejected", "filled", "cancelled"]
INSTRUMENT_TYPES = ["stock", "dr", "right", "bond", "warrant", "structured", "index", "forex", "futures",
                    "crypto", "cfd", "fund"]
FLAGS = ["supportOrderBrackets", "supportPositionBrackets", "supportMarketBrackets", "supportClosePosition",
         "supportPartialClosePosition", "supportReversePosition", "supportNativeReversePosition",
         "supportStopLimitOrders", "supportTrailingStop", "supportLevel2Data", "supportDOM",
         "supportOrdersHistory", "supportExecutions", "supportPositionNetting", "supportDigitalSignature",
         "showQuantityInsteadOfAmount", "supportLeverage", "supportPLUpdate", "supportBalances",
         "supportLogout", "supportPlaceOrderPreview", "supportModifyOrderPreview"]


class Gen:
    """Random values, each within the range bourse-schema demands (valid) or not (invalid)."""

    def __init__(self, rng, invalid):
        self.r = rng
        self.invalid = invalid

    def chance(self, p):
        return self.r.random() < p

    # -- scalars --
    def number(self, rng="any"):
        r = self.r
        pool = [0, 1, -1, 0.5, -0.5, 1e-300, -1e-300, 5e-324, 1e308, -1e308, 1.7976931348623157e308,
                2 ** 53 + 1, -(2 ** 53 + 1), 2 ** 63, -(2 ** 63), 2 ** 64 + 7, 123456789.123456789,
                r.uniform(-1e6, 1e6), r.uniform(0, 200), r.randint(-10 ** 12, 10 ** 12), r.uniform(-1, 1)]
        while True:
            v = r.choice(pool) if r.random() < 0.6 else r.uniform(-1e4, 1e4)
            if rng == "pos" and not v > 0:
                continue
            if rng == "nonneg" and not v >= 0:
                continue
            return v

    def time(self):
        return self.r.choice([0, 1, 1700000000, int(time.time()), int(time.time()) - self.r.randint(0, 10 ** 7),
                              99999999999, self.r.randint(0, 100000000000)])

    def string(self):
        r = self.r
        return r.choice(["", "A", "ÄÖÜ €", "日本語", "x" * r.randint(1, 300), "with \"quotes\" and \\",
                         "line\nbreak", "\u0000nul", "%s%n%x", "../../etc", str(r.randint(-99, 99)),
                         "emoji 📈", "tab\there"])

    def id(self):
        # never empty (schema); refers to nothing the server ever sent
        return self.r.choice(["id-%d" % self.r.randint(0, 10 ** 9), str(self.r.randint(1, 10 ** 18)),
                              "ä/ö?&=#", "x" * self.r.randint(1, 200), " ", "0", "-1", "null"])

    def name(self):
        # EURUSD often, so that `check --trade EURUSD` finds its instrument
        if self.chance(0.4):
            return "EURUSD"
        return self.r.choice(["EURUSD", "AAPL", "NYSE:IBM", "BTC/USD", "x", "a b", "ÄÖÜ", "ids?q=1&r#",
                              "S%d" % self.r.randint(0, 999)])

    def bad(self):
        """A value of some type, usually wrong for wherever it is put."""
        r = self.r
        return r.choice([None, True, False, "", "12.5", "not a number", -1, 0, 1e308, -1e308, [], {},
                         [1, 2], {"a": 1}, "x" * 1000, 2 ** 70, -(2 ** 70), 1.5e15])

    def maybe(self, obj, key, value, p=0.5):
        if self.chance(p):
            obj[key] = value

    def items(self, make, lo=0, hi=3):
        return [make() for _ in range(self.r.randint(lo, hi))]

    def corrupt(self, value, depth=0):
        """Invalid mode: damage one member in three, recursively."""
        if not self.invalid or depth > 6:
            return value
        r = self.r
        if isinstance(value, dict):
            out = {}
            for k, v in value.items():
                roll = r.random()
                if roll < 0.12:
                    continue  # drop a (possibly required) member
                if roll < 0.30:
                    out[k] = self.bad()
                else:
                    out[k] = self.corrupt(v, depth + 1)
            if r.random() < 0.1:
                out[self.string()] = self.bad()
            return out
        if isinstance(value, list):
            out = [self.corrupt(v, depth + 1) for v in value]
            if r.random() < 0.15:
                out.append(self.bad())
            return out
        return value

    # -- entities --
    def order(self, statuses=ORDER_STATUSES, oid=None, instrument=None):
        o = {"id": oid or self.id(), "instrument": instrument or self.name(), "qty": self.number("pos"),
             "side": self.r.choice(SIDES), "type": self.r.choice(ORDER_TYPES), "status": self.r.choice(statuses)}
        if o["type"] in ("limit", "stoplimit") or self.chance(0.3):
            o["limitPrice"] = self.number()
        if o["type"] in ("stop", "stoplimit") or self.chance(0.3):
            o["stopPrice"] = self.number()
        self.maybe(o, "filledQty", self.number("nonneg"))
        self.maybe(o, "avgPrice", self.number())
        self.maybe(o, "trailingStopPips", self.number("pos"), 0.2)
        self.maybe(o, "isTrailingStop", self.chance(0.5), 0.2)
        self.maybe(o, "lastModified", self.time(), 0.3)
        if self.chance(0.3):
            o["parentId"] = self.id()
            o["parentType"] = self.r.choice(["order", "position"])
        if self.chance(0.3):
            d = {"type": self.r.choice(["DAY", "GTC", "GTT", self.string()])}
            self.maybe(d, "datetime", self.time())
            o["duration"] = d
        if self.chance(0.2):
            m = {"text": self.string()}
            self.maybe(m, "type", self.r.choice(["information", "warning", "error"]))
            o["message"] = m
        for k in ("stopLoss", "takeProfit"):
            self.maybe(o, k, self.number(), 0.2)
        return o

    def position(self, qty_range="pos", pid=None, instrument=None):
        p = {"id": pid or self.id(), "instrument": instrument or self.name(), "qty": self.number(qty_range),
             "side": self.r.choice(SIDES), "avgPrice": self.number()}
        self.maybe(p, "unrealizedPl", self.number())
        for k in ("stopLoss", "takeProfit"):
            self.maybe(p, k, self.number(), 0.2)
        return p

    def execution(self, instrument=None):
        e = {"id": self.id(), "instrument": instrument or self.name(), "price": self.number(),
             "time": self.time(), "qty": self.number("pos"), "side": self.r.choice(SIDES)}
        self.maybe(e, "orderId", self.id(), 0.4)
        self.maybe(e, "positionId", self.id(), 0.3)
        self.maybe(e, "isClose", self.chance(0.5), 0.3)
        self.maybe(e, "commission", self.number(), 0.3)
        return e

    def instrument(self, name=None):
        i = {"name": name or self.name(), "description": self.string(), "pipSize": self.number("pos"),
             "pipValue": self.number("nonneg"), "minTick": self.number("pos"),
             "type": self.r.choice(INSTRUMENT_TYPES)}
        lo = None
        if self.chance(0.6):
            lo = i["minQty"] = self.number("pos")
        if self.chance(0.6):
            hi = self.number("pos")
            i["maxQty"] = hi if lo is None or hi >= lo else lo
        for k, rng in (("qtyStep", "pos"), ("lotSize", "pos"), ("marginRate", "nonneg")):
            self.maybe(i, k, self.number(rng))
        self.maybe(i, "hasQuotes", self.chance(0.5), 0.3)
        self.maybe(i, "currency", self.r.choice(["USD", "EUR", "", "ÄÖ"]), 0.3)
        return i

    def account(self):
        a = {"id": self.id(), "name": self.string()}
        self.maybe(a, "type", self.r.choice(["live", "demo"]))
        self.maybe(a, "currency", self.r.choice(["USD", "EUR", "JPY", ""]))
        self.maybe(a, "currencySign", self.r.choice(["$", "€", "¥", ""]))
        if self.chance(0.4):
            a["config"] = {f: self.chance(0.5) for f in self.r.sample(FLAGS, self.r.randint(0, 6))}
        return a

    def state(self):
        s = {"balance": self.number(), "unrealizedPl": self.number()}
        self.maybe(s, "equity", self.number())
        if self.chance(0.6):
            s["amData"] = [[self.items(self.string) for _ in range(self.r.randint(0, 3))]
                           for _ in range(self.r.randint(0, 3))]
        if self.chance(0.3):
            s["accountSummaryRowData"] = self.items(self.string)
        return s

    def config(self):
        c = {f: self.chance(0.5) for f in self.r.sample(FLAGS, self.r.randint(0, len(FLAGS)))}
        if self.chance(0.6):
            c["durations"] = [self.duration() for _ in range(self.r.randint(0, 3))]
        if self.chance(0.5):
            c["accountManager"] = [{"id": self.string(), "title": self.string(),
                                    "columns": [self.column() for _ in range(self.r.randint(0, 3))]}
                                   for _ in range(self.r.randint(0, 3))]
        if self.chance(0.3):
            c["accountSummaryRow"] = [{"id": self.string(), "title": self.string()}
                                      for _ in range(self.r.randint(0, 3))]
        if self.chance(0.6):
            c["pullingInterval"] = {k: self.r.choice([1, 50, 100, 1000, 1e9, 0.001])
                                    for k in self.r.sample(["quotes", "orders", "positions", "accountManager",
                                                            "balances"], self.r.randint(0, 5))}
        if self.chance(0.6):
            c["streaming"] = {k: self.chance(0.6)
                              for k in self.r.sample(["prices", "orders", "positions", "executions", "state"],
                                                     self.r.randint(0, 5))}
        return c

    def duration(self):
        d = {"id": self.r.choice(["DAY", "GTC", "GTT", "IOC", self.string()]), "title": self.string()}
        for k in ("hasDatePicker", "hasTimePicker", "default"):
            self.maybe(d, k, self.chance(0.5), 0.3)
        return d

    def column(self):
        c = {"id": self.string(), "title": self.string()}
        self.maybe(c, "tooltip", self.string(), 0.3)
        self.maybe(c, "alignment", self.r.choice(["left", "right"]), 0.3)
        self.maybe(c, "isCapitalize", self.chance(0.5), 0.3)
        return c

    def quote(self, symbol):
        if self.chance(0.15):
            return {"s": "error", "n": symbol, "errmsg": self.string()}
        v = {"bid": self.number(), "ask": self.number()}
        for k in ("lp", "spread", "open_price", "high_price", "low_price", "prev_close_price", "volume", "ch",
                  "chp", "buyPipValue", "sellPipValue"):
            self.maybe(v, k, self.number(), 0.4)
        return {"s": "ok", "n": symbol if self.chance(0.8) else self.name(), "v": v}

    def levels(self):
        return [[self.number(), self.number("nonneg")] for _ in range(self.r.randint(0, 3))]

    def history(self, frm, to):
        roll = self.r.random()
        if roll < 0.15:
            h = {"s": "no_data"}
            self.maybe(h, "nb", self.time())
            return h
        if roll < 0.2:
            return {"s": "error", "errmsg": self.string()}
        n = self.r.randint(0, 3)
        lo, hi = (frm, to) if 0 <= frm < to else (0, 100000000000)
        times = sorted(self.r.sample(range(lo, hi + 1), n)) if hi - lo >= n else list(range(n))
        h = {"s": "ok", "t": times}
        for k in ("o", "h", "l", "c"):
            h[k] = [self.number() for _ in range(n)]
        if self.chance(0.7):
            h["v"] = [self.number("nonneg") for _ in range(n)]
        return h

    def symbol_info(self):
        n = self.r.randint(0, 3)
        fields = {"symbol": lambda: self.name(), "description": self.string, "currency": lambda: "USD",
                  "exchange-listed": lambda: "X", "exchange-traded": lambda: "X",
                  "minmovement": lambda: self.number("pos"), "pricescale": lambda: self.r.choice([1, 100, 10 ** 8]),
                  "timezone": lambda: self.r.choice(["Etc/UTC", "America/New_York", "Nowhere/City", ""]),
                  "session-regular": lambda: self.r.choice(["24x7", "0930-1600", "garbage", ""]),
                  "type": lambda: self.r.choice(["stock", "forex", "?"])}
        info = {"s": "ok"}
        for k, make in fields.items():
            info[k] = make() if self.chance(0.2) else [make() for _ in range(n)]
        return info

    def price_line(self, symbols):
        f = self.r.choice(["t", None, "q", "d", "dp", "a", "b", "zz"])
        sym = self.r.choice(symbols) if symbols and self.chance(0.8) else self.name()
        if f in ("t", None, "a", "b"):
            line = {"id": sym, "p": self.number(), "s": self.number("nonneg"), "t": self.time()}
        elif f == "q":
            line = {"id": sym, "t": self.time(), "ap": self.number(), "bp": self.number()}
            self.maybe(line, "as", self.number("nonneg"))
            self.maybe(line, "bs", self.number("nonneg"))
        elif f == "d":
            line = {"id": sym, "t": self.time(), "o": self.number(), "h": self.number(), "l": self.number(),
                    "c": self.number()}
            self.maybe(line, "v", self.number("nonneg"))
        elif f == "dp":
            line = {"id": sym, "bids": self.levels(), "asks": self.levels()}
            self.maybe(line, "t", self.time())
        else:
            line = {"id": sym, "whatever": self.string()}
        if f is not None:
            line["f"] = f
        return line


def dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "RandomBroker/1"

    def setup(self):
        super().setup()
        # headers and body go out in separate writes: without this, Nagle and delayed ACKs add 40 ms
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("random-broker: " + (fmt % args) + "\n")

    # -- plumbing --
    def gen_for(self, key):
        srv = self.server
        with srv.lock:
            n = srv.counters.get(key, 0)
            srv.counters[key] = n + 1
        return Gen(random.Random("%d/%s/%d/%s" % (srv.seed, srv.mode, n, key)), srv.mode == "invalid")

    def send_body(self, status, body, content_type="application/json"):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def answer(self, g, payload_fn, envelope=True):
        """Answer with the payload, or one of the ways a careless broker fails."""
        r = g.r
        roll = r.random()
        if roll < 0.04:
            return self.send_body(r.choice([401, 404, 429, 500, 502, 503]),
                                  r.choice(["", dumps({"s": "error", "errmsg": g.string()}), "<html>oops</html>"]))
        if roll < 0.12 and envelope:
            return self.send_body(200, dumps({"s": "error", "errmsg": g.string()}))
        payload = payload_fn()
        body = {"s": "ok", "d": payload} if envelope else payload
        if g.invalid:
            roll = r.random()
            if roll < 0.05:
                return self.send_body(200, r.choice(["", "not json", "{", "[1,2", "null", "42", "\"s\"",
                                                     "{\"s\":\"ok\",\"d\":" + "[" * 5000 + "]" * 5000 + "}"]))
            if roll < 0.10:
                text = dumps(body)
                return self.send_body(200, text[: r.randint(0, max(0, len(text) - 1))])
            if roll < 0.15 and envelope:
                body = r.choice([{"d": payload}, {"s": "ok"}, {"s": g.string(), "d": payload}, {"s": "error"},
                                 {"s": 1, "d": payload}, [body]])
            else:
                body = g.corrupt(body)
        return self.send_body(200, dumps(body))

    def form(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace") if length > 0 else ""
        return parse_qs(raw)

    # -- routes --
    def route(self):
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        parts = [p for p in url.path.split("/") if p]
        method = self.command
        if method in ("POST", "PUT", "DELETE"):
            self.form()
        is_stream = parts == ["streaming"] or (len(parts) == 4 and parts[0] == "accounts" and parts[2] == "stream")
        if self.server.delay_ms and not is_stream:
            time.sleep(self.server.delay_ms / 1000)
        key = method + " " + "/".join(parts[:1] + parts[2:3] + (["item"] if len(parts) > 3 else []))
        g = self.gen_for(key)

        if method == "POST" and parts == ["authorize"]:
            def token():
                d = {"access_token": "tok-%d" % g.r.randint(0, 10 ** 12)}
                g.maybe(d, "expiration", g.time() if g.chance(0.3) else int(time.time()) + g.r.randint(1, 10 ** 6))
                return d
            if g.r.random() < 0.9:  # logging in mostly works, or nothing else would be reached
                body = {"s": "ok", "d": token()}
                return self.send_body(200, dumps(g.corrupt(body) if g.invalid and g.chance(0.3) else body))
            return self.answer(g, token)
        if method == "POST" and parts == ["oauth", "token"]:
            return self.answer(g, lambda: {"token_type": "bearer", "access_token": "tok-%d" % g.r.randint(0, 99)},
                               envelope=False)
        if method == "POST" and parts == ["logout"]:
            return self.answer(g, lambda: None)
        if method == "GET" and parts == ["config"]:
            return self.answer(g, g.config)
        if method == "GET" and parts == ["accounts"]:
            # mostly at least one account, so that the account endpoints are reached
            return self.answer(g, lambda: g.items(g.account, 0 if g.chance(0.1) else 1, 3))
        if method == "GET" and parts == ["quotes"]:
            symbols = ",".join(query.get("symbols", [""])).split(",")
            return self.answer(g, lambda: [g.quote(s) for s in symbols if s] + g.items(lambda: g.quote(g.name()), 0, 1))
        if method == "GET" and parts == ["depth"]:
            return self.answer(g, lambda: {"asks": g.levels(), "bids": g.levels()})
        if method == "GET" and parts == ["history"]:
            def num(name, default):
                try:
                    return int(query.get(name, [default])[0])
                except ValueError:
                    return default
            return self.answer(g, lambda: g.history(num("from", 0), num("to", int(time.time()))), envelope=False)
        if method == "GET" and parts == ["symbol_info"]:
            return self.answer(g, g.symbol_info, envelope=False)
        if method == "GET" and parts == ["mapping"]:
            return self.answer(g, lambda: {"symbols": [{"s": g.name(), "f": g.items(g.name)}
                                                       for _ in range(g.r.randint(0, 3))],
                                           "fields": ["brokerSymbol"]}, envelope=False)
        is_stream = parts == ["streaming"] or (len(parts) == 4 and parts[0] == "accounts" and parts[2] == "stream")
        if method == "GET" and is_stream and self.server.stream_status:
            return self.send_body(self.server.stream_status, dumps({"s": "error", "errmsg": "forced"}))
        if method == "GET" and parts == ["streaming"]:
            symbols = ",".join(query.get("symbols", [""])).split(",")
            return self.stream(g, None, lambda: g.price_line([s for s in symbols if s]))
        if len(parts) >= 3 and parts[0] == "accounts":
            return self.account_route(g, method, parts[2:], query)
        return self.send_body(404, dumps({"s": "error", "errmsg": "no such endpoint"}))

    def account_route(self, g, method, rest, query):
        what = rest[0]
        item = rest[1] if len(rest) > 1 else None
        instrument = query.get("instrument", [None])[0]
        if method == "GET" and what == "instruments":
            return self.answer(g, lambda: g.items(g.instrument, 0 if g.chance(0.1) else 1, 3))
        if method == "GET" and what == "state":
            return self.answer(g, g.state)
        if method == "GET" and what == "orders" and item is None:
            return self.answer(g, lambda: g.items(lambda: g.order()))
        if method == "GET" and what == "orders":
            return self.answer(g, lambda: g.order(oid=item if g.chance(0.7) else None))
        if method == "POST" and what == "orders":
            return self.answer(g, lambda: {"orderId": g.id()})
        if method == "POST" and what == "previewOrder":
            return self.answer(g, lambda: {"sections": [{"rows": [{"title": g.string(), "value": g.string()}]}],
                                           "confirmId": g.id()})
        if method in ("PUT", "DELETE") and what in ("orders", "positions"):
            return self.answer(g, lambda: None if g.chance(0.7) else {})
        if method == "GET" and what == "ordersHistory":
            return self.answer(g, lambda: g.items(lambda: g.order(FINAL_STATUSES)))
        if method == "GET" and what == "positions" and item is None:
            return self.answer(g, lambda: g.items(g.position))
        if method == "GET" and what == "positions":
            return self.answer(g, lambda: g.position(pid=item))
        if method == "GET" and what == "executions":
            return self.answer(g, lambda: g.items(lambda: g.execution(instrument)))
        if method == "GET" and what == "balances":
            return self.answer(g, lambda: g.items(lambda: {"symbol": g.name(), "total": g.number(),
                                                           "available": g.number()}))
        if method == "GET" and what == "stream" and item in ("orders", "positions", "executions", "state"):
            make = {"orders": g.order, "positions": lambda: g.position("nonneg"),
                    "executions": g.execution, "state": g.state}[item]
            snapshot = g.state if item == "state" else (lambda: g.items(make))
            return self.stream(g, snapshot, make)
        return self.send_body(404, dumps({"s": "error", "errmsg": "no such endpoint"}))

    def stream(self, g, snapshot, make_line):
        r = g.r
        if r.random() < 0.05:
            return self.send_body(r.choice([401, 404, 500]), "")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def chunk(text):
            data = text.encode("utf-8")
            # lines split across chunks and several lines in one chunk both happen in the wild
            while data:
                n = r.randint(1, max(1, len(data))) if r.random() < 0.3 else len(data)
                self.wfile.write(b"%x\r\n%s\r\n" % (n, data[:n]))
                data = data[n:]
            self.wfile.flush()

        deadline = time.monotonic() + (r.uniform(0.2, 3) if r.random() < 0.3 else 3600)
        try:
            if snapshot is not None:
                chunk(dumps(g.corrupt(snapshot())) + "\n")
            while time.monotonic() < deadline and not self.server.stopping:
                roll = r.random()
                if roll < 0.15:
                    line = r.choice(["{}", dumps({"s": "ping"})])
                elif roll < 0.2:
                    line = dumps({"s": "error", "errmsg": g.string()})
                elif g.invalid and roll < 0.3:
                    line = r.choice(["", "not json", "{", "[", "\r", "\"x\"", "null", "{\"id\":" + "[" * 3000])
                else:
                    line = dumps(g.corrupt(make_line()))
                chunk(line + r.choice(["\n", "\n", "\n", "\r\n"]))
                time.sleep(r.uniform(0.02, 0.15))
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, socket.timeout, OSError):
            pass
        self.close_connection = True

    def do_GET(self):
        self.route()

    def do_POST(self):
        self.route()

    def do_PUT(self):
        self.route()

    def do_DELETE(self):
        self.route()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # a client hanging up mid-stream is normal here; say more only when asked
        if self.verbose:
            super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--mode", choices=["valid", "invalid"], default="valid")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay-ms", type=int, default=0, help="wait this long before each REST answer")
    parser.add_argument("--stream-status", type=int, default=0,
                        help="answer every stream (GET /streaming, …/stream/…) with this HTTP status, e.g. 404")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--stdin-exit", action="store_true", help="exit when stdin reaches end of file")
    args = parser.parse_args()

    server = Server(("127.0.0.1", args.port), Handler)
    server.seed = args.seed
    server.mode = args.mode
    server.verbose = args.verbose
    server.delay_ms = args.delay_ms
    server.stream_status = args.stream_status
    server.lock = threading.Lock()
    server.counters = {}
    server.stopping = False
    print("PORT %d" % server.server_address[1], flush=True)
    if args.stdin_exit:
        def watch_stdin():
            sys.stdin.read()
            server.stopping = True
            server.shutdown()
        threading.Thread(target=watch_stdin, daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    server.stopping = True


if __name__ == "__main__":
    main()

# The token issuer docker-compose.yml provides, so its gateway trusts tokens that can be had without an identity
# provider: an RSA key pair made on first start (issuer-keys), its public half on a volume the gateway reads, and
# mint-token to sign tokens: docker compose exec token-issuer mint-token --role analyst --domain sales
# For a laptop or a test environment only; production gateways trust the organisation's identity provider.
FROM debian:bookworm-slim

RUN apt-get update && apt-get install -y --no-install-recommends openssl && rm -rf /var/lib/apt/lists/* \
  && groupadd --system issuer && useradd --system --gid issuer --home-dir /keys issuer \
  && mkdir -p /keys/private /keys/public && chown -R issuer:issuer /keys && chmod 700 /keys/private
COPY docker/token-issuer/issuer-keys docker/token-issuer/mint-token /usr/local/bin/
USER issuer

VOLUME ["/keys/private", "/keys/public"]
ENTRYPOINT ["issuer-keys"]
CMD ["--wait"]

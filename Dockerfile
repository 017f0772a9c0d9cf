# Portalcrane: one container, one process. Multi-architecture (linux/amd64, linux/arm64):
#   docker buildx build --platform linux/amd64,linux/arm64 -t portalcrane .
# The SDK stage runs on the build machine's architecture and cross-publishes for the target.
# SDK_IMAGE / RUNTIME_IMAGE point the build at a mirror of Microsoft's images when needed.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build
ARG TARGETARCH=amd64
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/Portalcrane/Portalcrane.csproj -c Release -a "$TARGETARCH" --self-contained false -o /app -p:UseAppHost=false

FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY --from=build /app ./
# The image's unprivileged "app" user owns the data folder.
RUN mkdir -p /var/lib/portalcrane && chown app:app /var/lib/portalcrane
ENV DATA_DIR=/var/lib/portalcrane \
    ASPNETCORE_URLS=http://+:8080 \
    DOTNET_gcServer=0
VOLUME /var/lib/portalcrane
EXPOSE 8080
USER app
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["dotnet", "/app/Portalcrane.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "/app/Portalcrane.dll"]

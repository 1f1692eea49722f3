#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace outpost {

// The few account calls the desktop and outpost-cli make outside the sync engine: checking a server's certificate
// before signing in, and TOTP enrolment (/v1/auth/totp/enrol, /v1/auth/totp/confirm) with the session's
// access token. Asynchronous; answers arrive from the event loop. Destroying it aborts what is running.
class SyncServerApi : public QObject
{
    Q_OBJECT
public:
    explicit SyncServerApi(QObject* parent = nullptr);
    ~SyncServerApi() override;

    void setServer(const QUrl& baseUrl, const QList<QSslCertificate>& extraTrusted = {});
    void setAccessToken(const QString& token) { m_token = token; }

    struct Probe
    {
        bool reached = false;             // a TLS connection was made and the server answered
        bool trusted = false;             // ...with a certificate this computer (or the pin) trusts
        QSslCertificate certificate;      // the server's certificate (when TLS got that far)
        QList<QSslError> sslErrors;
        QString error;                    // user-readable, when !reached or !trusted
    };
    // GET /healthz: is there an Outpost server, and is its certificate trusted?
    void probe(std::function<void(const Probe&)> done);

    // POST `path` with `body`; `error` is the server's message (or the network's) when it failed.
    using JsonHandler = std::function<void(const QJsonObject& json, const QString& error)>;
    void post(const QString& path, const QJsonObject& body, JsonHandler done);

    void abort();
    bool isBusy() const { return !m_reply.isNull(); }

    // "AB:CD:…" of the certificate's SHA-256 digest, as `outpost-server cert` prints it.
    static QString fingerprint(const QSslCertificate& certificate);
    // Only a missing or unknown issuer: pinning the certificate fixes these (a wrong host name does not).
    static bool onlyUntrustedIssuer(const QList<QSslError>& errors);

private:
    QNetworkReply* send(const QByteArray& verb, const QString& path, const QByteArray& body);

    QNetworkAccessManager* m_net;
    QUrl m_base;
    QList<QSslCertificate> m_trusted;
    QString m_token;
    QPointer<QNetworkReply> m_reply;
};

} // namespace outpost

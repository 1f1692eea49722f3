#include "client/SyncServerApi.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>

#include <memory>

namespace outpost {

SyncServerApi::SyncServerApi(QObject* parent) : QObject(parent), m_net(new QNetworkAccessManager(this)) {}

SyncServerApi::~SyncServerApi()
{
    abort();
}

void SyncServerApi::setServer(const QUrl& baseUrl, const QList<QSslCertificate>& extraTrusted)
{
    m_base = baseUrl;
    m_trusted = extraTrusted;
}

void SyncServerApi::abort()
{
    if (m_reply) {
        QNetworkReply* r = m_reply;
        m_reply = nullptr;
        r->disconnect(this);
        r->abort();
        r->deleteLater();
    }
}

QString SyncServerApi::fingerprint(const QSslCertificate& certificate)
{
    const QByteArray hex = certificate.digest(QCryptographicHash::Sha256).toHex().toUpper();
    QStringList pairs;
    for (qsizetype i = 0; i + 1 < hex.size(); i += 2)
        pairs << QString::fromLatin1(hex.mid(i, 2));
    return pairs.join(QLatin1Char(':'));
}

bool SyncServerApi::onlyUntrustedIssuer(const QList<QSslError>& errors)
{
    if (errors.isEmpty())
        return false;
    for (const QSslError& e : errors) {
        switch (e.error()) {
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::CertificateUntrusted:
            break;
        default:
            return false;
        }
    }
    return true;
}

QNetworkReply* SyncServerApi::send(const QByteArray& verb, const QString& path, const QByteArray& body)
{
    abort();
    QUrl url = m_base;
    url.setPath(path);
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    req.setTransferTimeout(30000);
    if (!m_token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (!m_trusted.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(ssl.caCertificates() + m_trusted);
        req.setSslConfiguration(ssl);
    }
    m_reply = m_net->sendCustomRequest(req, verb, body);
    return m_reply;
}

void SyncServerApi::probe(std::function<void(const Probe&)> done)
{
    // A connection kept from an earlier probe would carry that probe's TLS settings (without a
    // certificate trusted since): start afresh.
    m_net->clearConnectionCache();
    QNetworkReply* reply = send("GET", QStringLiteral("/healthz"), {});
    auto probe = std::make_shared<Probe>();
    connect(reply, &QNetworkReply::sslErrors, this, [probe, reply](const QList<QSslError>& errors) {
        probe->sslErrors = errors;
        probe->certificate = reply->sslConfiguration().peerCertificate();
        for (const QSslError& e : errors)
            if (probe->certificate.isNull() && !e.certificate().isNull())
                probe->certificate = e.certificate();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, probe, done = std::move(done)] {
        if (m_reply == reply)
            m_reply = nullptr;
        reply->deleteLater();
        if (probe->certificate.isNull())
            probe->certificate = reply->sslConfiguration().peerCertificate();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (!probe->sslErrors.isEmpty()) {
            QStringList reasons;
            for (const QSslError& e : std::as_const(probe->sslErrors))
                reasons << e.errorString();
            probe->reached = !probe->certificate.isNull();
            probe->error = reasons.join(QLatin1Char(' '));
        } else if (status == 0) {
            probe->error = tr("Cannot reach the server: %1").arg(reply->errorString());
        } else if (status != 200) {
            probe->reached = true;
            probe->error = tr("This address answers, but not like an Outpost server (HTTP %1). Check the address "
                              "and the port.")
                               .arg(status);
        } else {
            probe->reached = true;
            probe->trusted = true;
        }
        done(*probe);
    });
}

void SyncServerApi::post(const QString& path, const QJsonObject& body, JsonHandler done)
{
    QNetworkReply* reply = send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        if (m_reply == reply)
            m_reply = nullptr;
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        QString error;
        if (status == 0) {
            error = tr("Cannot reach the server: %1").arg(reply->errorString());
        } else if (status >= 400) {
            error = json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
            if (error.isEmpty())
                error = tr("The server answered %1.").arg(status);
        }
        done(json, error);
    });
}

} // namespace outpost

#include "ServerProcess.h"

#include "Wait.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace outpost::test {

ServerProcess::ServerProcess(StorageBackend backend)
{
    if (backend == StorageBackend::Postgres)
        m_postgres = std::make_unique<TestPostgresDatabase>();
    const Run cert = admin({QStringLiteral("cert"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("tls"))});
    if (cert.exitCode != 0)
        qFatal("outpost-server cert failed: %s", qPrintable(cert.err));
}

ServerProcess::~ServerProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        kill();
}

QStringList ServerProcess::storageArgs() const
{
    if (!m_sharedStorage.isEmpty())
        return m_sharedStorage;
    if (m_postgres)
        return {QStringLiteral("--database"), m_postgres->url(), QStringLiteral("--secret-key"), secretKeyFile()};
    return {QStringLiteral("--data"), dataDir()};
}

ServerProcess::Run ServerProcess::admin(QStringList args, const QString& input)
{
    if (args.first() != QLatin1String("cert"))
        args << storageArgs();
    QProcess p;
    p.start(QStringLiteral(OUTPOST_SERVER_PATH), args);
    p.write(input.toUtf8());
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

bool ServerProcess::start(quint16 port, const QStringList& extraArgs)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    QObject::connect(m_process.get(), &QProcess::readyReadStandardError, m_process.get(),
                     [this] { m_log += QString::fromUtf8(m_process->readAllStandardError()); });
    QString out;
    QObject::connect(m_process.get(), &QProcess::readyReadStandardOutput, m_process.get(),
                     [this, &out] { out += QString::fromUtf8(m_process->readAllStandardOutput()); });
    m_process->start(QStringLiteral(OUTPOST_SERVER_PATH),
                     QStringList{QStringLiteral("serve"), QStringLiteral("--port"), QString::number(port),
                                 QStringLiteral("--cert"), m_dir.filePath(QStringLiteral("tls/cert.pem")),
                                 QStringLiteral("--key"), m_dir.filePath(QStringLiteral("tls/key.pem")),
                                 QStringLiteral("--workers"), QStringLiteral("4")}
                         + storageArgs() + extraArgs);
    m_port = 0;
    const bool up = waitUntil(
        [&] {
            const int nl = int(out.indexOf(QLatin1Char('\n')));
            if (nl < 0)
                return m_process->state() == QProcess::NotRunning;
            const QJsonObject o = QJsonDocument::fromJson(out.left(nl).toUtf8()).object();
            m_port = quint16(o.value(QStringLiteral("port")).toInt());
            return true;
        },
        30000);
    QObject::disconnect(m_process.get(), &QProcess::readyReadStandardOutput, nullptr, nullptr);
    if (m_process->state() == QProcess::NotRunning)
        m_log += QString::fromUtf8(m_process->readAllStandardError()); // why it did not start
    return up && m_port != 0;
}

void ServerProcess::kill()
{
    m_process->kill();
    m_process->waitForFinished(10000);
}

bool ServerProcess::terminate()
{
    m_process->terminate();
    return m_process->waitForFinished(30000) && m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0;
}

qint64 ServerProcess::pid() const
{
    return m_process && m_process->state() != QProcess::NotRunning ? m_process->processId() : 0;
}

QUrl ServerProcess::url() const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port));
}

QList<QSslCertificate> ServerProcess::certificates() const
{
    return QSslCertificate::fromPath(m_dir.filePath(QStringLiteral("tls/cert.pem")));
}

} // namespace outpost::test

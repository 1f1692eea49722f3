#include "privacy/EraseContactDialog.h"

#include "importexport/BackgroundJob.h"
#include "importexport/ProgressPanel.h"
#include "privacy/PersonErasure.h"
#include "profile/Workspace.h"
#include "widgets/MessageLabel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <memory>

namespace outpost {

EraseContactDialog::EraseContactDialog(Workspace& workspace, const QString& contactId, const QString& displayName,
                                       QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_contactId(contactId)
    , m_confirm(new QCheckBox(tr("I understand that this cannot be undone"), this))
    , m_progress(new ProgressPanel(this))
    , m_message(new MessageLabel(this))
    , m_erase(new QPushButton(tr("&Erase Person"), this))
    , m_close(new QPushButton(tr("Cancel"), this))
    , m_job(new BackgroundJob(workspace.database(), this))
{
    setObjectName(QStringLiteral("eraseContactDialog"));
    setWindowTitle(tr("Erase Person"));
    m_confirm->setObjectName(QStringLiteral("eraseConfirmCheck"));
    m_erase->setObjectName(QStringLiteral("eraseButton"));
    m_close->setObjectName(QStringLiteral("eraseCloseButton"));
    m_message->setObjectName(QStringLiteral("eraseMessage"));

    auto* heading = new QLabel(tr("Erase \u201c%1\u201d?").arg(displayName.toHtmlEscaped()), this);
    QFont bold = heading->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    heading->setFont(bold);
    auto* what = new QLabel(
        tr("<p>Their name, e-mail address, phone number, address and notes are removed from this profile for "
           "good: from the contact, from the audit log's recorded values, from the import and merge history, "
           "from changes not yet synced and from the search index. The server and your colleagues' devices "
           "erase them too when they sync.</p>"
           "<p>Their business records stay, under a pseudonym: the contact record with its company and country, "
           "their distributor record and downline, shares, and the consent records (those in force are "
           "withdrawn). Every step is recorded in the audit log.</p>"
           "<p>If the person asked for their data first, export it before erasing.</p>"),
        this);
    what->setWordWrap(true);
    what->setTextFormat(Qt::RichText);
    m_erase->setEnabled(false);
    m_erase->setAutoDefault(false);
    m_close->setDefault(true);
    m_progress->hide();

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_erase);
    buttons->addWidget(m_close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(what);
    layout->addWidget(m_confirm);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addLayout(buttons);
    setMinimumWidth(500);

    connect(m_job, &BackgroundJob::runningChanged, this, &EraseContactDialog::busyChanged);
    connect(m_confirm, &QCheckBox::toggled, m_erase, &QWidget::setEnabled);
    connect(m_erase, &QPushButton::clicked, this, &EraseContactDialog::start);
    connect(m_close, &QPushButton::clicked, this, &EraseContactDialog::reject);
}

EraseContactDialog::~EraseContactDialog()
{
    m_job->wait();
}

bool EraseContactDialog::isRunning() const
{
    return m_job->isRunning();
}

void EraseContactDialog::reject()
{
    if (m_job->isRunning())
        return; // one transaction: it cannot stop half-way, and it does not take long to finish
    QDialog::reject();
}

void EraseContactDialog::start()
{
    struct Outcome
    {
        QString pseudonym;
        QString error;
        QString warning;
    };
    auto outcome = std::make_shared<Outcome>();
    Database& db = m_workspace.database();
    MutationEngine& engine = m_workspace.mutations();
    const QString id = m_contactId;
    m_erase->setEnabled(false);
    m_confirm->setEnabled(false);
    m_close->setEnabled(false);
    m_message->clearMessage();
    m_progress->show();
    m_progress->setStatus(tr("Erasing…"));
    m_progress->setProgress(0, 0);
    connect(m_job, &BackgroundJob::finished, this, [this, outcome] {
        finish(outcome->pseudonym, outcome->error, outcome->warning);
    }, Qt::SingleShotConnection);
    m_job->start([&db, &engine, id, outcome] {
        auto r = PersonErasure::erase(db, engine, id, &outcome->warning);
        if (r)
            outcome->pseudonym = r.value();
        else
            outcome->error = r.message();
    });
}

void EraseContactDialog::finish(const QString& pseudonym, const QString& error, const QString& warning)
{
    m_progress->hide();
    m_close->setEnabled(true);
    m_close->setText(tr("Close"));
    if (!error.isEmpty()) {
        m_message->showError(tr("Nothing was erased: %1").arg(error));
        m_confirm->setEnabled(true);
        m_erase->setEnabled(m_confirm->isChecked());
        return;
    }
    m_pseudonym = pseudonym;
    m_message->showMessage(MessageLabel::Kind::Success,
                           tr("Erased. Their records are now called \u201c%1\u201d.").arg(pseudonym)
                               + (warning.isEmpty() ? QString() : QLatin1Char(' ') + warning));
    emit erased(m_contactId, pseudonym);
}

} // namespace outpost

#include "leads/LeadsPage.h"

#include "importexport/BackgroundJob.h"
#include "importexport/ProgressPanel.h"
#include "leads/LeadEditDialog.h"
#include "leads/LeadListModel.h"
#include "leads/LeadScores.h"
#include "leads/ScoringRulesDialog.h"
#include "profile/Workspace.h"
#include "theme/ThemedIcon.h"
#include "timeline/TimelineView.h"
#include "util/Uuid.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QSqlQuery>
#include <QTableView>
#include <QVBoxLayout>

namespace outpost {

namespace {
constexpr qint64 kStaleScoreMs = 86'400'000; // scores decay with time: rescored when a day old
}

LeadsPage::LeadsPage(Workspace& workspace, QWidget* parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_model(new LeadListModel(workspace.database(), this))
    , m_statusFilter(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_searchDelay(new QTimer(this))
    , m_table(new QTableView(this))
    , m_name(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_status(new QLabel(this))
    , m_score(new QLabel(this))
    , m_explanation(new QListWidget(this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_qualify(new QPushButton(tr("&Qualify"), this))
    , m_disqualify(new QPushButton(tr("&Disqualify…"), this))
    , m_convert(new QPushButton(tr("Con&vert…"), this))
    , m_timeline(new TimelineView(workspace, this))
    , m_progress(new ProgressPanel(this))
    , m_job(new BackgroundJob(workspace.database(), this))
    , m_newLead(new QAction(tr("New &Lead…"), this))
{
    m_statusFilter->setObjectName(QStringLiteral("leadStatusFilter"));
    m_search->setObjectName(QStringLiteral("leadSearch"));
    m_search->setPlaceholderText(tr("Search by name, company or e-mail"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(themedIcon(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(150);
    m_table->setObjectName(QStringLiteral("leadsTable"));
    m_score->setObjectName(QStringLiteral("leadScore"));
    m_explanation->setObjectName(QStringLiteral("scoreExplanation"));
    m_statusFilter->addItem(tr("All leads"), QString());
    for (const QString& s : Lead::statuses())
        m_statusFilter->addItem(Lead::statusLabel(s), s);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(LeadListModel::NameColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(LeadListModel::CompanyColumn, 160);
    m_table->setColumnWidth(LeadListModel::StatusColumn, 150);
    m_table->setColumnWidth(LeadListModel::ScoreColumn, 60);

    auto* newButton = new QPushButton(tr("&New Lead…"), this);
    auto* rulesButton = new QPushButton(tr("Scoring &Rules…"), this);
    rulesButton->setObjectName(QStringLiteral("scoringRulesButton"));
    auto* top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addSpacing(8);
    top->addWidget(new QLabel(tr("Show:"), this));
    top->addWidget(m_statusFilter);
    top->addSpacing(8);
    top->addWidget(rulesButton);
    top->addWidget(newButton);

    auto* qualifyMenu = new QMenu(m_qualify);
    qualifyMenu->addAction(tr("Marketing Qualified"), this, [this] { qualify(QStringLiteral("mql")); });
    qualifyMenu->addAction(tr("Sales Qualified"), this, [this] { qualify(QStringLiteral("sql")); });
    qualifyMenu->addAction(tr("Follow the Score"), this, [this] { qualify(QStringLiteral("auto")); });
    m_qualify->setMenu(qualifyMenu);

    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_name->setFont(big);
    m_score->setFont(big);
    m_subtitle->setWordWrap(true);
    m_explanation->setMaximumHeight(140);
    m_explanation->setSelectionMode(QAbstractItemView::NoSelection);

    auto* detail = new QWidget(this);
    auto* header = new QHBoxLayout;
    auto* nameBox = new QVBoxLayout;
    nameBox->addWidget(m_name);
    nameBox->addWidget(m_subtitle);
    nameBox->addWidget(m_status);
    header->addLayout(nameBox, 1);
    header->addWidget(m_score, 0, Qt::AlignTop);
    auto* actions = new QHBoxLayout;
    for (QPushButton* b : {m_edit, m_qualify, m_disqualify, m_convert})
        actions->addWidget(b);
    actions->addStretch();
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->addLayout(header);
    detailLayout->addLayout(actions);
    auto* why = new QLabel(tr("Why this score"), detail);
    QFont bold = why->font();
    bold.setBold(true);
    why->setFont(bold);
    detailLayout->addWidget(why);
    detailLayout->addWidget(m_explanation);
    detailLayout->addWidget(m_timeline, 1);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_table);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_progress);
    m_progress->setCancellable(true);
    m_progress->hide();

    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_model->setSearchText(m_search->text()); });
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setStatusFilter(m_statusFilter->currentData().toString()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& i) {
        QSqlDatabase conn = m_workspace.database().connection();
        auto row = leadsql::load(conn, m_model->idAt(i.row()));
        m_current = row && row->has_value() ? std::optional<Lead>(row->value().lead) : std::nullopt;
        showCurrent();
    });
    connect(m_model, &LeadListModel::reloaded, this, [this] {
        if (m_current) {
            const QString id = m_current->id;
            selectLead(id);
        }
        emit summaryChanged(summary());
    });
    connect(m_model, &LeadListModel::loadFailed, this,
            [this](const QString& message) { QMessageBox::warning(this, tr("Leads"), message); });
    connect(newButton, &QPushButton::clicked, this, &LeadsPage::newLead);
    connect(m_newLead, &QAction::triggered, this, [this] {
        emit activationRequested();
        newLead();
    });
    connect(rulesButton, &QPushButton::clicked, this, &LeadsPage::openRules);
    connect(m_edit, &QPushButton::clicked, this, &LeadsPage::editLead);
    connect(m_disqualify, &QPushButton::clicked, this, &LeadsPage::askDisqualify);
    connect(m_convert, &QPushButton::clicked, this, &LeadsPage::askConvert);
    connect(&workspace.mutations(), &MutationEngine::changed, m_model, &LeadListModel::onEntitiesChanged);
    connect(&workspace.leadScores(), &LeadScoreKeeper::scoresChanged, m_model, &LeadListModel::reload);
    connect(&workspace.leadScores(), &LeadScoreKeeper::fullRescoreNeeded, this,
            [this] { rescoreAll(QLatin1String(LeadScores::kCauseRules)); });
    connect(m_job, &BackgroundJob::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setStatus(tr("Scoring leads: %L1 of %L2…").arg(done).arg(total));
        m_progress->setProgress(done, total);
    });
    connect(m_progress, &ProgressPanel::cancelRequested, this, [this] {
        m_progress->setCancelling();
        m_pendingCause.clear();
        m_job->cancel();
    });

    m_model->reload();
    showCurrent();

    // Scores missing (leads that arrived in a big batch) or a day old (activities decay): rescore in the background.
    QSqlQuery q(workspace.database().connection());
    if (q.exec(QStringLiteral("SELECT (SELECT count(*) FROM leads) - (SELECT count(*) FROM lead_scores), "
                              "(SELECT min(scored_at) FROM lead_scores)"))
        && q.next()
        && (q.value(0).toLongLong() != 0
            || (!q.isNull(1) && workspace.clock().nowMs() - q.value(1).toLongLong() > kStaleScoreMs)))
        rescoreAll(QLatin1String(LeadScores::kCauseTime));
}

LeadsPage::~LeadsPage()
{
    m_job->cancel();
    m_job->wait();
}

QList<QAction*> LeadsPage::newActions() const
{
    return {m_newLead};
}

QString LeadsPage::summary() const
{
    return m_model->canFetchMore({}) ? tr("%L1+ leads").arg(m_model->rowCount())
                                     : tr("%n lead(s)", "", m_model->rowCount());
}

bool LeadsPage::isBusy() const
{
    return m_job->isRunning();
}

QString LeadsPage::busyMessage() const
{
    return tr("Leads are being scored again. Wait for it to finish, or cancel it on the Leads page.");
}

void LeadsPage::selectLead(const QString& id)
{
    int row = m_model->rowOf(id);
    while (row < 0 && m_model->canFetchMore({})) {
        const int shown = m_model->rowCount();
        m_model->fetchMore({});
        if (m_model->rowCount() == shown)
            break;
        row = m_model->rowOf(id);
    }
    if (row >= 0)
        m_table->selectRow(row);
}

void LeadsPage::showCurrent()
{
    const bool has = m_current.has_value();
    for (QPushButton* b : {m_edit, m_qualify, m_disqualify, m_convert})
        b->setEnabled(has && !m_current->isClosed());
    m_qualify->setEnabled(has && m_current->status != QLatin1String("converted"));
    m_explanation->clear();
    if (!has) {
        m_name->setText(tr("No lead selected"));
        m_subtitle->setText(tr("Select a lead to see its score, why it has it, and what happened with it."));
        m_status->clear();
        m_score->clear();
        m_timeline->setSubject(QStringLiteral("lead"), QString());
        return;
    }
    const Lead& l = *m_current;
    m_name->setText(l.displayName());
    QStringList parts;
    for (const char* f : {"jobTitle", "company", "email", "phone"}) {
        if (!l.field(QLatin1String(f)).isEmpty())
            parts << l.field(QLatin1String(f));
    }
    if (!l.field(QStringLiteral("source")).isEmpty())
        parts << tr("from %1").arg(l.field(QStringLiteral("source")));
    m_subtitle->setText(parts.join(QStringLiteral(" · ")));
    QSqlDatabase conn = m_workspace.database().connection();
    auto score = LeadScores::load(conn, l.id);
    const QString status = score && score->has_value() ? score->value().status : l.status;
    QString statusText = tr("Status: %1").arg(Lead::statusLabel(status));
    if (l.status == QLatin1String("disqualified"))
        statusText += tr(" (%1)").arg(l.disqualifyReason);
    else if (!l.statusByHand)
        statusText += tr(" (by score)");
    m_status->setText(statusText);
    if (score && score->has_value()) {
        m_score->setText(QString::number(score->value().score));
        for (const ScoreLine& line : score->value().lines)
            m_explanation->addItem(LeadScore::describe(line));
        if (score->value().lines.isEmpty())
            m_explanation->addItem(tr("No rule applies to this lead yet."));
    } else {
        m_score->setText(QStringLiteral("–"));
    }
    m_timeline->setSubject(QStringLiteral("lead"), l.id);
}

void LeadsPage::newLead()
{
    LeadEditDialog dialog(m_workspace, std::nullopt, this);
    if (dialog.exec() == QDialog::Accepted)
        selectLead(dialog.savedId());
}

void LeadsPage::editLead()
{
    if (!m_current)
        return;
    LeadEditDialog dialog(m_workspace, m_current, this);
    dialog.exec();
}

void LeadsPage::submitForCurrent(const QString& name, QJsonObject args)
{
    if (!m_current)
        return;
    args.insert(QStringLiteral("id"), m_current->id);
    auto m = m_workspace.mutations().submit(name, args);
    if (!m)
        QMessageBox::warning(this, tr("Leads"), m.message());
}

void LeadsPage::qualify(const QString& status)
{
    submitForCurrent(QStringLiteral("lead.qualify"), {{QStringLiteral("status"), status}});
}

void LeadsPage::disqualify(const QString& reason)
{
    submitForCurrent(QStringLiteral("lead.disqualify"), {{QStringLiteral("reason"), reason}});
}

void LeadsPage::askDisqualify()
{
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Disqualify Lead"), tr("Why is this lead disqualified?"),
                                                 QLineEdit::Normal, QString(), &ok);
    if (ok)
        disqualify(reason);
}

Status LeadsPage::convert(const QString& companyName, const QString& dealTitle)
{
    if (!m_current)
        return Error(ErrorCode::NotFound, tr("No lead is selected."));
    QJsonObject args{{QStringLiteral("id"), m_current->id}, {QStringLiteral("contactId"), newUuidV7()}};
    if (!companyName.trimmed().isEmpty())
        args.insert(QStringLiteral("company"),
                    QJsonObject{{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("name"), companyName.trimmed()}});
    if (!dealTitle.trimmed().isEmpty())
        args.insert(QStringLiteral("deal"),
                    QJsonObject{{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("title"), dealTitle.trimmed()}});
    auto m = m_workspace.mutations().submit(QStringLiteral("lead.convert"), args);
    if (!m)
        return m.error();
    return {};
}

void LeadsPage::askConvert()
{
    if (!m_current)
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Convert Lead"));
    auto* company = new QLineEdit(m_current->field(QStringLiteral("company")), &dialog);
    auto* withCompany = new QCheckBox(tr("Also create the &company"), &dialog);
    auto* deal = new QLineEdit(&dialog);
    auto* withDeal = new QCheckBox(tr("Also create a &deal"), &dialog);
    deal->setPlaceholderText(tr("Deal title"));
    company->setEnabled(false);
    deal->setEnabled(false);
    connect(withCompany, &QCheckBox::toggled, company, &QLineEdit::setEnabled);
    connect(withDeal, &QCheckBox::toggled, deal, &QLineEdit::setEnabled);
    auto* form = new QFormLayout;
    form->addRow(new QLabel(tr("A contact is created from %1.").arg(m_current->displayName()), &dialog));
    form->addRow(withCompany, company);
    form->addRow(withDeal, deal);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Convert"));
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (Status s = convert(withCompany->isChecked() ? company->text() : QString(),
                           withDeal->isChecked() ? deal->text() : QString());
        !s)
        QMessageBox::warning(this, tr("Convert Lead"), s.message());
}

void LeadsPage::openRules()
{
    ScoringRulesDialog dialog(m_workspace, this);
    dialog.exec();
}

void LeadsPage::rescoreAll(const QString& cause)
{
    if (m_job->isRunning()) {
        m_pendingCause = cause;
        return;
    }
    auto result = std::make_shared<Result<LeadScores::AllResult>>(LeadScores::AllResult{});
    const qint64 now = m_workspace.clock().nowMs();
    Database& db = m_workspace.database();
    BackgroundJob* job = m_job;
    m_progress->reset();
    m_progress->setCancellable(true);
    m_progress->setStatus(tr("Scoring leads…"));
    m_progress->setProgress(0, 0);
    m_progress->show();
    emit busyChanged(true);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_job, &BackgroundJob::finished, this, [this, result, connection] {
        disconnect(*connection);
        m_progress->hide();
        emit busyChanged(false);
        const bool ok = result->ok();
        if (!ok && result->error().code != ErrorCode::Cancelled)
            QMessageBox::warning(this, tr("Leads"), result->message());
        m_model->reload();
        emit rescoreFinished(ok);
        if (!m_pendingCause.isEmpty()) {
            const QString next = m_pendingCause;
            m_pendingCause.clear();
            rescoreAll(next);
        }
    });
    m_job->start([result, now, cause, &db, job] {
        QSqlDatabase conn = db.connection();
        *result = LeadScores::rescoreAll(conn, now, cause, [job](qint64 done, qint64 total) {
            job->reportProgress(done, total);
            return !job->isCancelRequested();
        });
    });
}

} // namespace outpost

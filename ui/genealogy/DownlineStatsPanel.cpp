#include "genealogy/DownlineStatsPanel.h"

#include "importexport/BackgroundJob.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace outpost {

namespace {

QTableWidget* makeTable(const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    t->setShowGrid(false);
    t->setAlternatingRowColors(true);
    t->horizontalHeader()->setStretchLastSection(true);
    t->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    return t;
}

QTableWidgetItem* numberItem(qint64 n)
{
    auto* item = new QTableWidgetItem(QLocale().toString(n));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

DownlineStatsPanel::DownlineStatsPanel(Database& database, QWidget* parent)
    : QWidget(parent)
    , m_database(database)
    , m_repository(database)
    , m_job(new BackgroundJob(database, this))
    , m_title(new QLabel(this))
    , m_figures(new QLabel(this))
    , m_legs(makeTable({tr("Leg"), tr("People"), tr("Depth")}, this))
    , m_levelTable(makeTable({tr("Level"), tr("People")}, this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_levelNote(new QLabel(this))
{
    setObjectName(QStringLiteral("downlineStats"));
    m_levelTable->setObjectName(QStringLiteral("downlineLevels"));
    m_legs->setObjectName(QStringLiteral("downlineLegs"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_figures->setWordWrap(true);
    m_levelNote->setWordWrap(true);
    m_levelNote->setForegroundRole(QPalette::PlaceholderText);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);

    auto* tables = new QHBoxLayout;
    auto* legBox = new QVBoxLayout;
    legBox->addWidget(new QLabel(tr("Biggest legs"), this));
    legBox->addWidget(m_legs, 1);
    auto* levelBox = new QVBoxLayout;
    levelBox->addWidget(new QLabel(tr("People per level"), this));
    levelBox->addWidget(m_levelTable, 1);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    levelBox->addLayout(progressRow);
    levelBox->addWidget(m_levelNote);
    tables->addLayout(legBox, 3);
    tables->addLayout(levelBox, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addWidget(m_title);
    layout->addWidget(m_figures);
    layout->addLayout(tables, 1);

    connect(m_cancel, &QPushButton::clicked, m_job, &BackgroundJob::cancel);
    connect(m_job, &BackgroundJob::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? int(std::min<qint64>(1000, done * 1000 / total)) : 0);
    });
    connect(m_job, &BackgroundJob::finished, this, &DownlineStatsPanel::countDone);
    showDistributor(0, QString(), GenealogyTree::Sponsor);
}

DownlineStatsPanel::~DownlineStatsPanel()
{
    m_job->cancel();
    m_job->wait();
}

bool DownlineStatsPanel::isCounting() const
{
    return m_job->isRunning() || m_restart;
}

QString DownlineStatsPanel::summaryText() const
{
    return m_figures->text();
}

void DownlineStatsPanel::showDistributor(qint64 rid, const QString& name, GenealogyTree tree)
{
    m_rid = rid;
    m_tree = tree;
    m_levels.clear();
    m_levelTable->setRowCount(0);
    m_legs->setRowCount(0);
    m_levelNote->clear();
    if (rid == 0) {
        m_title->setText(tr("Downline statistics"));
        m_figures->setText(tr("Select a distributor to see the size and shape of their downline."));
        m_progress->hide();
        m_cancel->hide();
        if (m_job->isRunning())
            m_job->cancel();
        m_restart = false;
        return;
    }
    m_title->setText(tree == GenealogyTree::Sponsor ? tr("Sponsor downline of %1").arg(name)
                                                    : tr("Placement downline of %1").arg(name));
    auto figures = m_repository.downlineFigures(rid, tree);
    auto legs = m_repository.legs(rid, tree, kLegs);
    if (!figures || !legs) {
        const QString message = !figures ? figures.message() : legs.message();
        m_figures->setText(message);
        emit loadFailed(message);
        return;
    }
    auto direct = m_repository.childCount(tree, rid);
    m_figures->setText(tr("%1 people in the downline, %2 levels deep, %3 personally below (first level).")
                           .arg(QLocale().toString(figures->size), QLocale().toString(figures->height),
                                QLocale().toString(direct ? direct.value() : 0)));
    for (const DownlineLeg& leg : legs.value()) {
        const int row = m_legs->rowCount();
        m_legs->insertRow(row);
        m_legs->setItem(row, 0, new QTableWidgetItem(leg.displayName));
        m_legs->setItem(row, 1, numberItem(leg.size));
        m_legs->setItem(row, 2, numberItem(leg.height + 1));
    }
    m_legs->resizeColumnToContents(0);
    if (figures->size == 0) {
        m_levelNote->setText(tr("No downline yet."));
        m_progress->hide();
        m_cancel->hide();
        return;
    }
    if (m_job->isRunning()) {
        m_restart = true; // after the running count has stopped
        m_job->cancel();
    } else {
        startCount();
    }
}

void DownlineStatsPanel::startCount()
{
    m_restart = false;
    auto result = std::make_shared<Result<DownlineStatistics>>(Error(ErrorCode::Cancelled, QString()));
    m_result = result;
    Database* db = &m_database;
    BackgroundJob* job = m_job;
    const qint64 rid = m_rid;
    const GenealogyTree tree = m_tree;
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    m_levelNote->setText(tr("Counting people per level…"));
    m_job->start([db, job, rid, tree, result] {
        GenealogyRepository repository(*db);
        *result = repository.downlineStatistics(rid, tree, job->cancelFlag(),
                                                [job](qint64 done, qint64 total) { job->reportProgress(done, total); });
    });
}

void DownlineStatsPanel::countDone()
{
    if (m_restart) {
        startCount();
        return;
    }
    m_progress->hide();
    m_cancel->hide();
    if (m_rid == 0) { // the selection was cleared meanwhile
        emit countFinished();
        return;
    }
    const Result<DownlineStatistics>& r = *m_result;
    if (!r) {
        if (r.code() == ErrorCode::Cancelled) {
            m_levelNote->setText(tr("Counting was cancelled. Select the distributor again to count."));
        } else {
            m_levelNote->setText(r.message());
            emit loadFailed(r.message());
        }
        emit countFinished();
        return;
    }
    m_levels = r->levelCounts;
    m_levelNote->clear();
    m_levelTable->setRowCount(int(std::max<qsizetype>(0, m_levels.size() - 1)));
    for (qsizetype level = 1; level < m_levels.size(); ++level) {
        m_levelTable->setItem(int(level - 1), 0, numberItem(level));
        m_levelTable->setItem(int(level - 1), 1, numberItem(m_levels.at(level)));
    }
    emit countFinished();
}

} // namespace outpost

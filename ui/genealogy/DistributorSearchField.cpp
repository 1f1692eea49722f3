#include "genealogy/DistributorSearchField.h"

#include "genealogy/GenealogyTreeModel.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QStandardItemModel>

namespace outpost {

namespace {
constexpr int kRidRole = Qt::UserRole + 1;
}

DistributorSearchField::DistributorSearchField(GenealogyRepository& repository, QWidget* parent)
    : QLineEdit(parent), m_repository(repository), m_matches(new QStandardItemModel(this)), m_completer(new QCompleter(this))
{
    setClearButtonEnabled(true);
    m_completer->setModel(m_matches);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setWidget(this);
    m_delay.setSingleShot(true);
    m_delay.setInterval(kDelayMs);
    connect(this, &QLineEdit::textEdited, this, [this] {
        m_chosenRid = 0;
        m_delay.start();
    });
    connect(&m_delay, &QTimer::timeout, this, [this] {
        if (!searchNow().isEmpty())
            m_completer->complete();
        else
            m_completer->popup()->hide();
    });
    connect(m_completer, qOverload<const QModelIndex&>(&QCompleter::activated), this, [this](const QModelIndex& index) {
        choose(index.data(kRidRole).toLongLong(), index.data(Qt::UserRole + 2).toString());
    });
    connect(this, &QLineEdit::returnPressed, this, [this] {
        if (m_chosenRid != 0)
            return; // chosen in the popup already (or nothing typed since)
        m_delay.stop();
        const QList<DistributorListRow> rows = searchNow();
        m_completer->popup()->hide();
        if (!rows.isEmpty())
            choose(rows.first().rid, rows.first().displayName);
    });
}

QList<DistributorListRow> DistributorSearchField::searchNow()
{
    m_matches->clear();
    auto rows = m_repository.search(text(), kMatches);
    if (!rows) {
        emit searchFailed(rows.message());
        return {};
    }
    for (const DistributorListRow& r : rows.value()) {
        QString label = r.displayName;
        if (!r.rankAchieved.isEmpty())
            label += QStringLiteral(" — ") + r.rankAchieved;
        if (r.status != QLatin1String("active"))
            label += QStringLiteral(" (%1)").arg(GenealogyTreeModel::statusLabel(r.status));
        auto* item = new QStandardItem(label);
        item->setData(r.rid, kRidRole);
        item->setData(r.displayName, Qt::UserRole + 2);
        m_matches->appendRow(item);
    }
    return rows.value();
}

void DistributorSearchField::choose(qint64 rid, const QString& name)
{
    m_chosenRid = rid;
    setText(name); // setText() is not an edit: the choice stays
    emit chosen(rid, name);
}

} // namespace outpost

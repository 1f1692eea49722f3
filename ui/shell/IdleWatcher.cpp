#include "shell/IdleWatcher.h"

#include <QCoreApplication>
#include <QEvent>

#include <algorithm>
#include <limits>

namespace outpost {

IdleWatcher::IdleWatcher(QObject* parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &IdleWatcher::check);
}

IdleWatcher::~IdleWatcher()
{
    stop();
}

void IdleWatcher::setTimeout(qint64 ms)
{
    m_timeoutMs = std::max<qint64>(0, ms);
    if (m_active) {
        m_sinceInput.restart();
        arm(m_timeoutMs);
    }
}

void IdleWatcher::start()
{
    if (!m_active) {
        m_active = true;
        QCoreApplication::instance()->installEventFilter(this);
    }
    m_sinceInput.restart();
    arm(m_timeoutMs);
}

void IdleWatcher::stop()
{
    if (m_active && QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
    m_active = false;
    m_timer.stop();
}

void IdleWatcher::arm(qint64 ms)
{
    if (m_timeoutMs <= 0) {
        m_timer.stop();
        return;
    }
    m_timer.start(static_cast<int>(std::clamp<qint64>(ms, 1, std::numeric_limits<int>::max())));
}

void IdleWatcher::check()
{
    if (!m_active || m_timeoutMs <= 0)
        return;
    const qint64 remaining = m_timeoutMs - m_sinceInput.elapsed();
    if (remaining > 0) {
        arm(remaining);
        return;
    }
    emit idle();
}

bool IdleWatcher::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TabletPress:
    case QEvent::TabletMove:
    case QEvent::InputMethod:
        m_sinceInput.restart();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace outpost

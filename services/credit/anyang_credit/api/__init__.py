"""HTTP routers of the credit service (thin: parse, authorise, call the service layer)."""

from anyang_credit.api import (
    catalogue,
    commitments,
    draws,
    finance,
    government,
    grades,
    lists,
    objections,
    records,
    repairs,
    reports,
    subjects,
)

routers = [records.router, records.public, subjects.router, catalogue.router, commitments.router,
           commitments.public, objections.router, government.router, government.public, lists.router,
           grades.router, draws.router, repairs.router, reports.router, finance.router]

"""HTTP routers of the credit service (thin: parse, authorise, call the service layer)."""

from anyang_credit.api import draws, finance, grades, lists, repairs, reports  # part B

routers = []
from anyang_credit.api import catalogue, commitments, government, objections, records, subjects  # noqa: E402  (part A)

routers += [records.router, records.public, subjects.router, catalogue.router, commitments.router,  # part A
            commitments.public, objections.router, government.router, government.public]  # part A
routers += [lists.router, grades.router, draws.router, repairs.router, reports.router, finance.router]  # part B

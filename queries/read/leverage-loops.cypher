// Recursive leverage loops: which markets lend an asset against collateral pegged to it (wstETH/WETH,
// sUSDe/USDT), how far can they lever (1/(1-LTV)) and how far did their borrowers lever?
// :param limit => 50
MATCH (c:Asset)-[l:LEVERAGE_LOOP]->(d:Asset)
MATCH (m:Market {id: l.market})-[col:COLLATERAL]->(c)
WITH l, m, c, d, col.exposureUsdF AS collateralUsd, l.exposureUsdF AS debtUsd
RETURN l.protocol AS protocol, l.market AS market, c.id AS collateral, d.id AS debt,
       round(collateralUsd, 2) AS collateralUsd, round(debtUsd, 2) AS debtUsd, m.loanToValue AS loanToValue,
       round(l.maxLeverage, 2) AS maxLeverage,
       CASE WHEN collateralUsd > debtUsd THEN round(1.0 / (1.0 - debtUsd / collateralUsd), 2) END AS leverage
ORDER BY debtUsd DESC, market
LIMIT $limit

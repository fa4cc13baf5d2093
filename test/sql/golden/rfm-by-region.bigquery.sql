WITH
src AS (
  SELECT * FROM `my-project.shop.orders`
),
orders AS (
  SELECT TRIM(CAST(`customer_id` AS STRING)) AS customer_id,
    CASE WHEN SAFE_CAST(`amount` AS FLOAT64) = 0 THEN 0 WHEN ABS(SAFE_CAST(`amount` AS FLOAT64)) <= 1e300 THEN SAFE_CAST(`amount` AS FLOAT64) END AS amount,
    COALESCE(SAFE_CAST(LEFT(CAST(`order_date` AS STRING), 10) AS DATE), SAFE.PARSE_DATE('%Y%m%d', CAST(`order_date` AS STRING))) AS order_date,
    TRIM(CAST(`region` AS STRING)) AS ct_group_cell
  FROM src
),
rolled AS (
  SELECT customer_id,
    SUM(amount) AS ct_value,
    SUM(CASE WHEN amount > 0 THEN 1 ELSE 0 END) AS orders,
    SUM(CASE WHEN amount > 0 THEN amount END) AS ct_purchases,
    MIN(CASE WHEN amount > 0 THEN order_date END) AS first_order,
    MAX(CASE WHEN amount > 0 THEN order_date END) AS last_order
  FROM orders
  WHERE customer_id IS NOT NULL AND customer_id <> '' AND amount IS NOT NULL AND order_date IS NOT NULL AND order_date <= DATE '2025-06-30'
  GROUP BY customer_id
),
customer_groups AS (
  SELECT customer_id, MIN(NULLIF(ct_group_cell, '')) AS ct_group_cell
  FROM orders
  WHERE customer_id IS NOT NULL AND customer_id <> ''
  GROUP BY customer_id
),
customers AS (
  SELECT rolled.*, ROW_NUMBER() OVER (ORDER BY rolled.customer_id) AS ct_key,
    ct_value AS value,
    CASE WHEN orders > 0 THEN ct_purchases / orders END AS ct_average,
    DATE_DIFF(DATE '2025-06-30', last_order, DAY) AS recency_days,
    LOWER(COALESCE(g.ct_group_cell, '')) AS ct_group,
    MIN(COALESCE(g.ct_group_cell, '')) OVER (PARTITION BY LOWER(COALESCE(g.ct_group_cell, ''))) AS ct_group_name
  FROM rolled LEFT JOIN customer_groups g ON g.customer_id = rolled.customer_id
),
rfm_inputs AS (
  SELECT c.ct_key, c.ct_group, CAST(CASE WHEN c.orders > 0 THEN c.recency_days END AS FLOAT64) AS rec, CAST(c.orders AS FLOAT64) AS fre, c.ct_value AS mon
  FROM customers c
),
rfm_sorted AS (
  SELECT ct_group, rec, fre, mon,
    CASE WHEN rec IS NOT NULL THEN ROW_NUMBER() OVER (PARTITION BY ct_group, rec IS NULL ORDER BY rec) END AS pos_rec,
    CASE WHEN fre IS NOT NULL THEN ROW_NUMBER() OVER (PARTITION BY ct_group, fre IS NULL ORDER BY fre) END AS pos_fre,
    CASE WHEN mon IS NOT NULL THEN ROW_NUMBER() OVER (PARTITION BY ct_group, mon IS NULL ORDER BY mon) END AS pos_mon
  FROM rfm_inputs
),
rfm_points AS (
  SELECT
    ct_group,
    COUNT(*) AS ct_members,
    1 + (COUNT(rec) - 1) * 0.2 AS rec_i1,
    1 + (COUNT(rec) - 1) * 0.4 AS rec_i2,
    1 + (COUNT(rec) - 1) * 0.6000000000000001 AS rec_i3,
    1 + (COUNT(rec) - 1) * 0.8 AS rec_i4,
    1 + (COUNT(fre) - 1) * 0.2 AS fre_i1,
    1 + (COUNT(fre) - 1) * 0.4 AS fre_i2,
    1 + (COUNT(fre) - 1) * 0.6000000000000001 AS fre_i3,
    1 + (COUNT(fre) - 1) * 0.8 AS fre_i4,
    1 + (COUNT(mon) - 1) * 0.2 AS mon_i1,
    1 + (COUNT(mon) - 1) * 0.4 AS mon_i2,
    1 + (COUNT(mon) - 1) * 0.6000000000000001 AS mon_i3,
    1 + (COUNT(mon) - 1) * 0.8 AS mon_i4
  FROM rfm_inputs
  GROUP BY ct_group
),
rfm_ends AS (
  SELECT
    p.ct_group,
    MAX(CASE WHEN s.pos_rec = FLOOR(p.rec_i1) THEN s.rec END) AS rec_lo1,
    MAX(CASE WHEN s.pos_rec = CEIL(p.rec_i1) THEN s.rec END) AS rec_hi1,
    MAX(CASE WHEN s.pos_rec = FLOOR(p.rec_i2) THEN s.rec END) AS rec_lo2,
    MAX(CASE WHEN s.pos_rec = CEIL(p.rec_i2) THEN s.rec END) AS rec_hi2,
    MAX(CASE WHEN s.pos_rec = FLOOR(p.rec_i3) THEN s.rec END) AS rec_lo3,
    MAX(CASE WHEN s.pos_rec = CEIL(p.rec_i3) THEN s.rec END) AS rec_hi3,
    MAX(CASE WHEN s.pos_rec = FLOOR(p.rec_i4) THEN s.rec END) AS rec_lo4,
    MAX(CASE WHEN s.pos_rec = CEIL(p.rec_i4) THEN s.rec END) AS rec_hi4,
    MAX(CASE WHEN s.pos_fre = FLOOR(p.fre_i1) THEN s.fre END) AS fre_lo1,
    MAX(CASE WHEN s.pos_fre = CEIL(p.fre_i1) THEN s.fre END) AS fre_hi1,
    MAX(CASE WHEN s.pos_fre = FLOOR(p.fre_i2) THEN s.fre END) AS fre_lo2,
    MAX(CASE WHEN s.pos_fre = CEIL(p.fre_i2) THEN s.fre END) AS fre_hi2,
    MAX(CASE WHEN s.pos_fre = FLOOR(p.fre_i3) THEN s.fre END) AS fre_lo3,
    MAX(CASE WHEN s.pos_fre = CEIL(p.fre_i3) THEN s.fre END) AS fre_hi3,
    MAX(CASE WHEN s.pos_fre = FLOOR(p.fre_i4) THEN s.fre END) AS fre_lo4,
    MAX(CASE WHEN s.pos_fre = CEIL(p.fre_i4) THEN s.fre END) AS fre_hi4,
    MAX(CASE WHEN s.pos_mon = FLOOR(p.mon_i1) THEN s.mon END) AS mon_lo1,
    MAX(CASE WHEN s.pos_mon = CEIL(p.mon_i1) THEN s.mon END) AS mon_hi1,
    MAX(CASE WHEN s.pos_mon = FLOOR(p.mon_i2) THEN s.mon END) AS mon_lo2,
    MAX(CASE WHEN s.pos_mon = CEIL(p.mon_i2) THEN s.mon END) AS mon_hi2,
    MAX(CASE WHEN s.pos_mon = FLOOR(p.mon_i3) THEN s.mon END) AS mon_lo3,
    MAX(CASE WHEN s.pos_mon = CEIL(p.mon_i3) THEN s.mon END) AS mon_hi3,
    MAX(CASE WHEN s.pos_mon = FLOOR(p.mon_i4) THEN s.mon END) AS mon_lo4,
    MAX(CASE WHEN s.pos_mon = CEIL(p.mon_i4) THEN s.mon END) AS mon_hi4
  FROM rfm_sorted s JOIN rfm_points p ON p.ct_group = s.ct_group
  GROUP BY p.ct_group
),
rfm_breaks AS (
  SELECT
    p.ct_group,
    p.ct_members,
    CASE WHEN (p.rec_i1 - FLOOR(p.rec_i1)) > 0 AND e.rec_hi1 <> e.rec_lo1 THEN (1 - (p.rec_i1 - FLOOR(p.rec_i1))) * e.rec_lo1 + (p.rec_i1 - FLOOR(p.rec_i1)) * e.rec_hi1 ELSE e.rec_lo1 END + 1 AS rec_b1,
    CASE WHEN (p.rec_i2 - FLOOR(p.rec_i2)) > 0 AND e.rec_hi2 <> e.rec_lo2 THEN (1 - (p.rec_i2 - FLOOR(p.rec_i2))) * e.rec_lo2 + (p.rec_i2 - FLOOR(p.rec_i2)) * e.rec_hi2 ELSE e.rec_lo2 END + 1 AS rec_b2,
    CASE WHEN (p.rec_i3 - FLOOR(p.rec_i3)) > 0 AND e.rec_hi3 <> e.rec_lo3 THEN (1 - (p.rec_i3 - FLOOR(p.rec_i3))) * e.rec_lo3 + (p.rec_i3 - FLOOR(p.rec_i3)) * e.rec_hi3 ELSE e.rec_lo3 END + 1 AS rec_b3,
    CASE WHEN (p.rec_i4 - FLOOR(p.rec_i4)) > 0 AND e.rec_hi4 <> e.rec_lo4 THEN (1 - (p.rec_i4 - FLOOR(p.rec_i4))) * e.rec_lo4 + (p.rec_i4 - FLOOR(p.rec_i4)) * e.rec_hi4 ELSE e.rec_lo4 END + 1 AS rec_b4,
    CASE WHEN (p.fre_i1 - FLOOR(p.fre_i1)) > 0 AND e.fre_hi1 <> e.fre_lo1 THEN (1 - (p.fre_i1 - FLOOR(p.fre_i1))) * e.fre_lo1 + (p.fre_i1 - FLOOR(p.fre_i1)) * e.fre_hi1 ELSE e.fre_lo1 END + 1 AS fre_b1,
    CASE WHEN (p.fre_i2 - FLOOR(p.fre_i2)) > 0 AND e.fre_hi2 <> e.fre_lo2 THEN (1 - (p.fre_i2 - FLOOR(p.fre_i2))) * e.fre_lo2 + (p.fre_i2 - FLOOR(p.fre_i2)) * e.fre_hi2 ELSE e.fre_lo2 END + 1 AS fre_b2,
    CASE WHEN (p.fre_i3 - FLOOR(p.fre_i3)) > 0 AND e.fre_hi3 <> e.fre_lo3 THEN (1 - (p.fre_i3 - FLOOR(p.fre_i3))) * e.fre_lo3 + (p.fre_i3 - FLOOR(p.fre_i3)) * e.fre_hi3 ELSE e.fre_lo3 END + 1 AS fre_b3,
    CASE WHEN (p.fre_i4 - FLOOR(p.fre_i4)) > 0 AND e.fre_hi4 <> e.fre_lo4 THEN (1 - (p.fre_i4 - FLOOR(p.fre_i4))) * e.fre_lo4 + (p.fre_i4 - FLOOR(p.fre_i4)) * e.fre_hi4 ELSE e.fre_lo4 END + 1 AS fre_b4,
    CASE WHEN (p.mon_i1 - FLOOR(p.mon_i1)) > 0 AND e.mon_hi1 <> e.mon_lo1 THEN (1 - (p.mon_i1 - FLOOR(p.mon_i1))) * e.mon_lo1 + (p.mon_i1 - FLOOR(p.mon_i1)) * e.mon_hi1 ELSE e.mon_lo1 END + 1 AS mon_b1,
    CASE WHEN (p.mon_i2 - FLOOR(p.mon_i2)) > 0 AND e.mon_hi2 <> e.mon_lo2 THEN (1 - (p.mon_i2 - FLOOR(p.mon_i2))) * e.mon_lo2 + (p.mon_i2 - FLOOR(p.mon_i2)) * e.mon_hi2 ELSE e.mon_lo2 END + 1 AS mon_b2,
    CASE WHEN (p.mon_i3 - FLOOR(p.mon_i3)) > 0 AND e.mon_hi3 <> e.mon_lo3 THEN (1 - (p.mon_i3 - FLOOR(p.mon_i3))) * e.mon_lo3 + (p.mon_i3 - FLOOR(p.mon_i3)) * e.mon_hi3 ELSE e.mon_lo3 END + 1 AS mon_b3,
    CASE WHEN (p.mon_i4 - FLOOR(p.mon_i4)) > 0 AND e.mon_hi4 <> e.mon_lo4 THEN (1 - (p.mon_i4 - FLOOR(p.mon_i4))) * e.mon_lo4 + (p.mon_i4 - FLOOR(p.mon_i4)) * e.mon_hi4 ELSE e.mon_lo4 END + 1 AS mon_b4
  FROM rfm_points p JOIN rfm_ends e ON e.ct_group = p.ct_group
),
scored AS (
  SELECT i.ct_key,
    CASE WHEN i.rec IS NOT NULL AND b.ct_members >= 5 THEN 6 - (1 + CASE WHEN i.rec >= b.rec_b1 THEN 1 ELSE 0 END + CASE WHEN i.rec >= b.rec_b2 THEN 1 ELSE 0 END + CASE WHEN i.rec >= b.rec_b3 THEN 1 ELSE 0 END + CASE WHEN i.rec >= b.rec_b4 THEN 1 ELSE 0 END) END AS r,
    CASE WHEN i.fre IS NOT NULL AND b.ct_members >= 5 THEN 1 + CASE WHEN i.fre >= b.fre_b1 THEN 1 ELSE 0 END + CASE WHEN i.fre >= b.fre_b2 THEN 1 ELSE 0 END + CASE WHEN i.fre >= b.fre_b3 THEN 1 ELSE 0 END + CASE WHEN i.fre >= b.fre_b4 THEN 1 ELSE 0 END END AS f,
    CASE WHEN i.mon IS NOT NULL AND b.ct_members >= 5 THEN 1 + CASE WHEN i.mon >= b.mon_b1 THEN 1 ELSE 0 END + CASE WHEN i.mon >= b.mon_b2 THEN 1 ELSE 0 END + CASE WHEN i.mon >= b.mon_b3 THEN 1 ELSE 0 END + CASE WHEN i.mon >= b.mon_b4 THEN 1 ELSE 0 END END AS m
  FROM rfm_inputs i JOIN rfm_breaks b ON b.ct_group = i.ct_group
)
SELECT c.customer_id, c.first_order, c.last_order, c.recency_days, c.orders, c.value, r.r, r.f, r.m, CAST(r.r AS STRING) || CAST(r.f AS STRING) || CAST(r.m AS STRING) AS rfm,
  CASE WHEN r.r IS NULL OR r.f IS NULL OR r.m IS NULL THEN NULL
    WHEN r.r BETWEEN 5 AND 5 AND r.f BETWEEN 4 AND 5 AND r.m BETWEEN 4 AND 5 THEN 'Champions'
    WHEN r.r BETWEEN 1 AND 5 AND r.f BETWEEN 1 AND 5 AND r.m BETWEEN 1 AND 5 THEN 'Others'
    ELSE 'Others' END AS segment, c.ct_group_name AS customer_group
FROM customers c
JOIN scored r ON r.ct_key = c.ct_key
ORDER BY rfm DESC NULLS LAST, c.ct_key

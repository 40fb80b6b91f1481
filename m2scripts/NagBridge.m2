-- The Macaulay2 side of nagbridge.
--
-- The Python adapter loads this package once per session (or once per one-shot
-- script) and then calls the functions exported below with data built from plain
-- integers and lists.  Every result is written as one JSON document to a file whose
-- path the adapter chooses; polynomials travel as term lists
--     [[coefficient, [e_0, ..., e_(n-1)]], ...]
-- with the coefficient an exact rational (or, over ZZ/p, an integer) as a string.

newPackage(
    "NagBridge",
    Version => "0.1.0",
    Headline => "CAS side of the nagbridge Python library",
    PackageImports => {"Elimination", "JSON", "MinimalPrimes"},
    DebuggingMode => false
)

export {
    "nbCompareVarieties",
    "nbEDDegree",
    "nbEliminate",
    "nbFiber",
    "nbGroebnerBasis",
    "nbIdealInvariants",
    "nbIdealSingularLocus",
    "nbImplicitize",
    "nbKernel",
    "nbMinimalPrimes",
    "nbRadical",
    "nbRequest",
    "nbSingularLocus"
}

-- Requests are long lists (one entry per output coordinate); Macaulay2 evaluates such
-- literals recursively, so its default limit of 300 would refuse 300 coordinates.
recursionLimit = 100000


-- A coefficient as an exact string: "p/q" over QQ, a representative over ZZ/p.
nbCoefficient = c -> (
    if ring c === QQ then toString c else toString lift(c, ZZ)
)

-- The term list of a polynomial.
nbTerms = f -> apply(listForm f, t -> {nbCoefficient(t#1), t#0})

-- The polynomial of R given by a list of {numerator, denominator, exponents}.
nbPolynomial = (R, K, terms) -> (
    if #terms == 0 then return 0_R;
    sum(terms, t -> ((t#0 * 1_K) / (t#1 * 1_K)) * R_(t#2))
)

-- The Hilbert series of S/J in lowest terms, h(T)/(1-T)^k with k = dim S/J:
-- poincare J is the numerator over (1-T)^(numgens S); (1-T)^(numgens S - k)
-- divides it exactly.  Written as
--     {"numerator": [[coefficient, [i]], ...], "denominator_exponent": k}.
nbHilbertSeries = J -> (
    k := dim J;
    if k < 0 then return hashTable {"numerator" => {}, "denominator_exponent" => 0};
    h := poincare J;
    T := (ring h)_0;
    scan(numgens ring J - k, i -> h = h // (1 - T));
    hashTable {
        "numerator" => apply(listForm h, t -> {toString t#1, t#0}),
        "denominator_exponent" => k
    }
)

-- The ideal whose graded quotient carries the Hilbert data of V(J) in the standard
-- grading: J itself when J is homogeneous; otherwise the homogenization J^h of J in
-- S[h] (the ideal of the projective closure of the affine variety V(J)), obtained by
-- homogenizing a Groebner basis for the degree order GRevLex of S (Cox, Little,
-- O'Shea, Ideals, Varieties, and Algorithms, 4th ed., Thm. 8.4.4).  The Hilbert
-- function of S[h]/J^h in degree s is the affine Hilbert function dim S_(<=s)/J_(<=s)
-- (same book, Ch. 9, Section 3), so its polynomial has degree dim S/J and the degree of
-- the projective closure is the degree of V(J).
nbProjectiveClosure = J -> (
    if isHomogeneous gens gb J then return J;
    S := ring J;
    h := local h;
    closure := (coefficientRing S)[gens S | {h}];
    basis := sub(gens gb J, closure);
    ideal homogenize(basis, closure_(numgens S))
)

-- Run f (a function of no arguments returning a HashTable of results) and write its
-- answer to outPath as JSON, with the name and version of the CAS.
nbRequest = (outPath, f) -> (
    result := f();
    answer := merge(result, hashTable {
        "cas" => "Macaulay2",
        "cas_version" => version#"VERSION"
    }, (a, b) -> a);
    outPath << toJSON answer << endl << close;
)

-- The implicit ideal of the ring map phi: S -> T sending the i-th variable of S to
-- images#i, and the invariants of S/ker(phi) for the standard grading of S.
--   characteristic  0 for QQ, a prime p for ZZ/p
--   sourceDegree    d > 0 if every image is homogeneous of degree d (then phi is
--                   made homogeneous by giving S the degrees d), 0 otherwise
--   method          "kernel" (Macaulay2's kernel of a ring map) or "eliminate"
--                   (elimination of the parameters from the graph ideal)
nbImplicitize = (characteristic, numTarget, images, sourceDegree, method) -> (
    K := if characteristic == 0 then QQ else ZZ/characteristic;
    numSource := #images;
    t := local t;
    x := local x;
    T := K[t_0..t_(numTarget - 1)];
    S := if sourceDegree > 0
        then K[x_0..x_(numSource - 1), Degrees => toList(numSource : sourceDegree)]
        else K[x_0..x_(numSource - 1)];
    imagePolynomials := apply(images, image -> nbPolynomial(T, K, image));

    I := if method == "kernel" then (
        kernel map(T, S, imagePolynomials)
    ) else if method == "eliminate" then (
        graphDegrees := if sourceDegree > 0
            then toList(numTarget : 1) | toList(numSource : sourceDegree)
            else toList(numTarget + numSource : 1);
        graphRing := K[t_0..t_(numTarget - 1), x_0..x_(numSource - 1),
            Degrees => graphDegrees, MonomialOrder => Eliminate numTarget];
        toGraph := map(graphRing, T, take(gens graphRing, numTarget));
        graphIdeal := ideal apply(numSource, i ->
            graphRing_(numTarget + i) - toGraph(imagePolynomials#i));
        fromGraph := map(S, graphRing, toList(numTarget : 0_S) | gens S);
        fromGraph ideal selectInSubring(1, gens gb graphIdeal)
    ) else error("nagbridge: unknown implicitization method " | toString method);

    standard := K[x_0..x_(numSource - 1)];
    J := trim (map(standard, S, gens standard)) I;
    graded := nbProjectiveClosure J;
    hilbert := hilbertPolynomial(graded, Projective => false);
    hashTable {
        "hilbert_series" => nbHilbertSeries graded,
        "method" => method,
        "generators" => apply(flatten entries mingens J, nbTerms),
        "groebner_basis" => apply(flatten entries gens gb J, nbTerms),
        "dimension" => dim J,
        "degree" => degree graded,
        "hilbert_polynomial" => nbTerms hilbert
    }
)

-- Invariants of neurovarieties (issue 4): singular locus, comparison of varieties,
-- fibres of the parametrization, Euclidean distance degree.  Ideals arrive as lists
-- of term lists {numerator, denominator, {exponents}}, numbers as {numerator,
-- denominator}; everything is built from integers.

nbRing = (characteristic, numVariables) -> (
    K := if characteristic == 0 then QQ else ZZ/characteristic;
    x := local x;
    K[x_0..x_(numVariables - 1)]
)

nbIdealOf = (S, generators) -> (
    if #generators == 0 then ideal(0_S)
    else ideal apply(generators, g -> nbPolynomial(S, coefficientRing S, g))
)

-- Generators, reduced Groebner basis (degrevlex), Krull dimension and degree of S/J.
-- The degree of a zero-dimensional J is dim_K S/J, its points counted with
-- multiplicity; the unit ideal has dimension -1 and degree 0.
nbIdealSummary = J -> (
    basis := flatten entries gens gb J;
    hashTable {
        "generators" => apply(flatten entries gens trim J, nbTerms),
        "groebner_basis" => apply(basis, nbTerms),
        "dimension" => dim J,
        "degree" => if dim J < 0 then 0 else degree J
    }
)

-- The singular locus of the irreducible variety V(I) of codimension codim:
-- V(I + minors of size codim of the Jacobian matrix of I) (the Jacobian criterion;
-- Eisenbud, Commutative Algebra, Cor. 16.20), with its minimal primes on request.
nbSingularLocus = (characteristic, numVariables, generators, codim, components) -> (
    S := nbRing(characteristic, numVariables);
    I := nbIdealOf(S, generators);
    J := if codim <= 0 then ideal(1_S) else trim(I + minors(codim, jacobian I));
    if components then hashTable {
        "locus" => nbIdealSummary J,
        "components" => apply(if dim J < 0 then {} else minimalPrimes J, nbIdealSummary)
    } else hashTable {"locus" => nbIdealSummary J}
)

-- Compare V(A) with the union of the V(B_i): V(A) is contained in V(B) exactly when
-- B lies in the radical of A (Nullstellensatz).
nbCompareVarieties = (characteristic, numVariables, generatorsA, listB) -> (
    S := nbRing(characteristic, numVariables);
    A := nbIdealOf(S, generatorsA);
    B := if #listB == 0 then ideal(1_S)
        else fold(apply(listB, g -> nbIdealOf(S, g)), (P, Q) -> intersect(P, Q));
    B = trim B;
    hashTable {
        "union" => nbIdealSummary B,
        "first_in_union" => isSubset(B, radical A),
        "union_in_first" => isSubset(A, radical B)
    }
)

-- The fibre {w' : phi(w') = phi(w)} of the map phi given by images (one polynomial
-- of K[t_0..] per coordinate) over the point whose coordinates are values, and its
-- intersection with the slice t_j = 1 for j in gauge (0-based indices).
nbFiber = (characteristic, numWeights, images, values, gauge) -> (
    T := nbRing(characteristic, numWeights);
    K := coefficientRing T;
    F := ideal apply(#images, i ->
        nbPolynomial(T, K, images#i) - (values#i#0 * 1_K) / (values#i#1 * 1_K));
    G := F + ideal(apply(gauge, j -> T_j - 1) | {0_T});
    sliceDimension := dim G;
    finite := sliceDimension == 0;
    hashTable {
        "dimension" => dim F,
        "slice_dimension" => sliceDimension,
        "slice_degree" => if finite then degree G else null,
        "slice_points" => if finite then degree radical G else null
    }
)

-- The number of critical points of sum_i weights_i (x_i - data_i)^2 on the smooth
-- part of V(I), I prime of codimension codim (Draisma, Horobet, Ottaviani, Sturmfels,
-- Thomas, The Euclidean distance degree of an algebraic variety, Found. Comput. Math.
-- 16 (2016), eq. (2.1)), in the form of EDDegreeProblem (nagbridge/problems): with
-- A = [weights (data - x); R Jac I] (R = projection, the identity when empty) and the
-- random n x codim matrix C = mixing, the degree of
--     (I + (det [A C | A_j] : j = 1..n)) : g^infinity,   g = det(R Jac I C).
nbEDDegree = (characteristic, numVariables, generators, codim, data, weights,
              projection, mixing) -> (
    S := nbRing(characteristic, numVariables);
    I := nbIdealOf(S, generators);
    x := gens S;
    gradient := matrix {apply(numVariables, i -> (weights#i) * ((data#i) * 1_S - x#i))};
    E := if codim <= 0 then I + ideal gradient else (
        jac := transpose jacobian I;
        if #projection > 0 then jac = (matrix(S, projection)) * jac;
        augmented := gradient || jac;
        mixed := augmented * matrix(S, mixing);
        -- cofactor expansion: the default (Bareiss) takes minutes on these 5 x 5 dets
        g := det(mixed^(toList(1..codim)), Strategy => Cofactor);
        bordered := ideal apply(numVariables, j ->
            det(mixed | augmented_{j}, Strategy => Cofactor));
        saturate(I + bordered, g)
    );
    hashTable {
        "dimension" => dim E,
        "ed_degree" => if dim E == 0 then degree E else null
    }
)


-- The generic ideal API (issue 5): Groebner bases in a chosen monomial order,
-- elimination, Hilbert series of the initial ideal, radical, minimal primes and the
-- singular locus of any ideal.  Ideals arrive as in the invariants above; an order
-- as its kind ("grevlex", "lex", "glex" or "weights") and a list of weights.

-- The ring K[x_0..x_(n-1)] with the monomial order kind (weights: the weight vector
-- first, ties broken by GRevLex).
nbOrderedRing = (characteristic, numVariables, kind, weights) -> (
    K := if characteristic == 0 then QQ else ZZ/characteristic;
    x := local x;
    order := if kind == "grevlex" then {GRevLex => numVariables}
        else if kind == "lex" then {Lex => numVariables}
        else if kind == "glex" then GLex
        else if kind == "weights" then {Weights => weights, GRevLex => numVariables}
        else error("nagbridge: unknown monomial order " | toString kind);
    K[x_0..x_(numVariables - 1), MonomialOrder => order]
)

-- The reduced Groebner basis of the ideal for the order (leading coefficients are
-- normalised on the Python side).
nbGroebnerBasis = (characteristic, numVariables, generators, kind, weights) -> (
    S := nbOrderedRing(characteristic, numVariables, kind, weights);
    I := nbIdealOf(S, generators);
    hashTable {"groebner_basis" => apply(flatten entries gens gb I, nbTerms)}
)

-- Whether J is homogeneous, the Krull dimension of S/J, and the Hilbert series of
-- S/in(J) for the degrevlex initial ideal (equal to that of S/J when J is
-- homogeneous: Macaulay's theorem, Eisenbud, Commutative Algebra, Thm 15.26).
nbIdealInvariants = (characteristic, numVariables, generators) -> (
    S := nbRing(characteristic, numVariables);
    J := nbIdealOf(S, generators);
    initial := ideal leadTerm gb J;
    hashTable {
        "homogeneous" => isHomogeneous J,
        "dimension" => dim J,
        "hilbert_series" => nbHilbertSeries initial
    }
)

-- The elimination ideal J n K[x_j : j not in indices] (indices 0-based), by its
-- reduced degrevlex Groebner basis.
nbEliminate = (characteristic, numVariables, generators, indices) -> (
    S := nbRing(characteristic, numVariables);
    J := nbIdealOf(S, generators);
    E := eliminate(J, apply(indices, i -> S_i));
    hashTable {"groebner_basis" => apply(flatten entries gens gb E, nbTerms)}
)

nbRadical = (characteristic, numVariables, generators) -> (
    S := nbRing(characteristic, numVariables);
    hashTable {"radical" => nbIdealSummary radical nbIdealOf(S, generators)}
)

nbMinimalPrimes = (characteristic, numVariables, generators) -> (
    S := nbRing(characteristic, numVariables);
    J := nbIdealOf(S, generators);
    hashTable {
        "components" => apply(if dim J < 0 then {} else minimalPrimes J, nbIdealSummary)
    }
)

-- The singular locus of the variety V(J) (reduced structure): with P_1..P_k the
-- minimal primes of J, the union of the Sing V(P_i) = V(P_i + minors of size
-- codim P_i of Jac P_i) (Jacobian criterion, Eisenbud, Cor. 16.20) and of the
-- V(P_i + P_j), i < j (a regular local ring is a domain, ibid. Cor. 10.14), as
-- the radical of the intersection of these ideals.
nbIdealSingularLocus = (characteristic, numVariables, generators) -> (
    S := nbRing(characteristic, numVariables);
    J := nbIdealOf(S, generators);
    primes := if dim J < 0 then {} else minimalPrimes J;
    pieces := apply(primes, P -> (
        c := codim P;
        if c == 0 then ideal(1_S) else P + minors(c, jacobian P)))
        | flatten apply(#primes, i -> apply(i, j -> primes#i + primes#j));
    locus := if #pieces == 0 then ideal(1_S)
        else radical fold(pieces, (A, B) -> intersect(A, B));
    hashTable {"locus" => nbIdealSummary trim locus}
)

-- The kernel of the ring map S -> T sending the i-th variable of S to images#i (any
-- images, homogeneous or not), by its reduced degrevlex Groebner basis.
nbKernel = (characteristic, numTarget, images) -> (
    T := nbRing(characteristic, numTarget);
    S := nbRing(characteristic, #images);
    imagePolynomials := apply(images, image -> nbPolynomial(T, coefficientRing T, image));
    J := kernel map(T, S, imagePolynomials);
    hashTable {"groebner_basis" => apply(flatten entries gens gb J, nbTerms)}
)
